/**
 * The one Typst template every document is set with. The document model arrives as JSON through
 * `sys.inputs.doc` and is only ever used as text: nothing a person wrote is read as Typst markup.
 * Each column is set in its own language and direction (Typst shapes Arabic script and runs the Unicode
 * bidirectional algorithm); the fonts are the embedded Noto Sans and Noto Naskh Arabic.
 */
export const TEMPLATE = `
#let doc = json(bytes(sys.inputs.doc))
#let cols = doc.columns
#let ncols = cols.len()
#let accent = rgb("#9b1c1c")
#let muted = rgb("#4a4a4a")
// Latin and Cyrillic from Noto Sans in every column; Arabic script, which Noto Sans lacks, falls back to Naskh.
#let fonts(c) = ("Noto Sans", "Noto Naskh Arabic")
#let dir-of(d) = if d == "rtl" { rtl } else { ltr }
#let in-col(i, body) = {
  let c = cols.at(i)
  set text(lang: c.lang, dir: dir-of(c.dir), font: fonts(c))
  align(start, body)
}
#let digits(i, s) = {
  let ds = cols.at(i).digits.clusters()
  s.replace(regex("[0-9]"), m => ds.at(int(m.text)))
}
#let row(items, gutter: 1.4em) = grid(
  columns: (1fr,) * ncols,
  column-gutter: gutter,
  ..items.enumerate().map(((i, it)) => in-col(i, it)),
)
#let caption(cells) = stack(spacing: 0.35em, ..cells.enumerate().map(((i, t)) => in-col(i, text(size: 8pt, fill: muted, t))))

#set document(title: doc.title, date: auto)
#set text(lang: doc.lang, font: ("Noto Sans", "Noto Naskh Arabic"), size: 10pt)
#set par(justify: false, leading: 0.62em)
#set heading(numbering: none)
#show heading.where(level: 1): set text(size: 17pt, weight: "bold")
#show heading.where(level: 2): set text(size: 13pt, weight: "bold")
#show heading.where(level: 3): set text(size: 10.5pt, weight: "bold")
#show heading: set block(above: 1.1em, below: 0.5em)
#set page(
  paper: "a4",
  margin: (x: 2cm, top: 2.3cm, bottom: 2.3cm),
  header: if doc.running.len() > 0 {
    row(doc.running.map(t => text(size: 8pt, weight: "bold", fill: accent, t)))
  },
  footer: context {
    let n = str(counter(page).get().first())
    let total = str(counter(page).final().first())
    row(doc.pageLabel.enumerate().map(((i, t)) => text(size: 8pt, fill: muted, digits(i, t.replace("{n}", n).replace("{total}", total)))))
  },
)

#for b in doc.blocks {
  if b.kind == "heading" {
    // Sticky: a heading never ends a page without what follows it.
    block(sticky: true, above: 1.1em, below: 0.5em, if ncols == 1 { in-col(0, heading(level: b.level, b.text.at(0))) } else {
      row(b.text.map(t => heading(level: b.level, t)))
    })
  } else if b.kind == "paragraph" {
    let body = row(b.text.map(t => if b.at("tone", default: none) == "notice" { text(weight: "bold", t) } else { t }))
    if b.at("tone", default: none) == "notice" {
      block(width: 100%, inset: 7pt, stroke: 0.8pt + accent, radius: 2pt, above: 0.8em, below: 0.8em, body)
    } else { block(above: 0.6em, below: 0.6em, body) }
  } else if b.kind == "field" {
    let value = if type(b.value) == array { row(b.value) } else {
      set text(dir: dir-of(b.value.dir))
      align(start, b.value.text)
    }
    // The label stays with its value; a long text as written may flow on to the next page.
    block(sticky: true, above: 0.9em, below: 0.45em, row(b.label.map(t => text(size: 8.5pt, fill: muted, t))))
    block(above: 0.45em, below: 0.9em, width: 100%, value)
    // A translation beneath the text as written: its label in every column, its text in its own language.
    let tr = b.at("translation", default: none)
    if tr != none {
      block(sticky: true, above: 0.45em, below: 0.3em, row(tr.label.map(t => text(size: 8pt, fill: muted, t))))
      block(above: 0.3em, below: 0.9em, width: 100%, {
        set text(lang: tr.lang, dir: dir-of(tr.dir))
        align(start, tr.text)
      })
    }
  } else if b.kind == "table" {
    table(
      columns: (auto,) * (b.header.len() - 1) + (1fr,),
      stroke: 0.4pt + muted,
      inset: 4pt,
      table.header(..b.header.map(h => stack(spacing: 0.3em, ..h.enumerate().map(((i, t)) => in-col(i, text(size: 8.5pt, weight: "bold", t)))))),
      // One level only: each cell is itself an array (its texts).
      // A row stays on one page: its languages must not be parted.
      ..b.rows.fold((), (all, r) => all + r).map(cell => table.cell(breakable: false, if cell.len() == 1 { text(size: 8.5pt, cell.at(0)) } else {
        stack(spacing: 0.3em, ..cell.enumerate().map(((i, t)) => in-col(i, text(size: 8.5pt, t))))
      })),
    )
  } else if b.kind == "signatures" {
    // All lines on one page: a signature must not be separated from the others.
    block(breakable: false, width: 100%, {
      if ncols == 1 { in-col(0, heading(level: 2, b.title.at(0))) } else {
        row(b.title.map(t => heading(level: 2, t)))
      }
      for who in b.lines { block(above: 2.6em, below: 0.4em, grid(
        columns: (1fr, 1.7fr),
        column-gutter: 2.2em,
        { line(length: 100%, stroke: 0.6pt); caption(b.placeDate) },
        { line(length: 100%, stroke: 0.6pt); caption(who) },
      )) }
    })
  }
}
`;
