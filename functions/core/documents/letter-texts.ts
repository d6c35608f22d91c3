/**
 * The German texts of the funding procedure's letters (receipt, decision letter, refusal, revocation, amended
 * decision, repayment claim), as data. A round
 * carries its own in `decisionTexts` (by the same keys; the demo rounds carry these), which win over the ones
 * here; placeholders in braces are filled in by `letters.ts`. Every text is a draft to be checked by the
 * granting authority's lawyers; the letters say so.
 */
export const DEFAULT_LETTER_TEXTS: Readonly<Record<string, string>> = {
  'legal-review':
    'Entwurf der Textbausteine: von der Rechtsabteilung der Bewilligungsstelle zu prüfen (to be checked by the authority’s lawyers).',
  authority: 'Regierungspräsidium Stuttgart – Bewilligungsstelle Integrationsmanagement',
  'receipt-intro':
    'Ihr Antrag auf eine Zuwendung für das Integrationsmanagement ist am {submittedOn} bei der Bewilligungsstelle eingegangen. Er wird unter dem Aktenzeichen {fileNumber} geführt; bitte geben Sie es bei jeder Nachricht zu diesem Antrag an.',
  'receipt-frozen':
    'Die eingegangene Fassung {revision} Ihres Antrags ist unveränderlich gespeichert. Ihr Prüfwert (SHA-256) lautet:',
  'receipt-not-a-decision':
    'Diese Bestätigung ist keine Entscheidung über Ihren Antrag. Sie erhalten einen Bescheid, sobald die Prüfung abgeschlossen ist.',
  'decision-intro':
    'auf Ihren Antrag vom {submittedOn} wird Ihnen für das Integrationsmanagement im Rahmen des Paktes für Integration eine Zuwendung in Höhe von {approvedAmount} bewilligt.',
  'decision-purpose':
    'Zweck der Zuwendung ist die Beschäftigung von Integrationsmanagerinnen und Integrationsmanagern, die Geflüchtete in der Anschlussunterbringung individuell beraten und begleiten und mit ihnen einen Integrationsplan erstellen und fortschreiben.',
  'decision-financing':
    'Die Zuwendung wird als Projektförderung in Form einer Festbetragsfinanzierung gewährt: ein fester Betrag je geförderter Stelle (Vollzeitäquivalent, VZÄ) und Jahr nach Qualifikationsstufe.',
  'decision-partial':
    'Soweit der Antrag über den bewilligten Betrag von {approvedAmount} hinausgeht (beantragt: {requestedAmount}), wird er abgelehnt. Begründung: {reason}',
  'decision-anbest-k':
    'Die Allgemeinen Nebenbestimmungen für Zuwendungen zur Projektförderung an Gemeinden (ANBest-K) sind Bestandteil dieses Bescheids.',
  'decision-anbest-p':
    'Die Allgemeinen Nebenbestimmungen für Zuwendungen zur Projektförderung (ANBest-P) sind Bestandteil dieses Bescheids.',
  'decision-payment':
    'Die Zuwendung wird auf Anforderung ausgezahlt (Mittelabruf über die Plattform). Mittel dürfen nur abgerufen werden, soweit sie voraussichtlich innerhalb von zwei Monaten nach der Auszahlung für fällige Zahlungen benötigt werden. Der Mittelabruf ist erst möglich, wenn dieser Bescheid bestandskräftig ist.',
  'decision-proof-of-use':
    'Die Verwendung der Zuwendung ist bis zum {proofOfUseDue} nachzuweisen, drei Monate nach Ende des Förderzeitraums (Verwendungsnachweis: zahlenmäßiger Nachweis je Stelle und ein Sachbericht von höchstens etwa drei Seiten).',
  'refusal-intro':
    'Ihr Antrag vom {submittedOn} auf eine Zuwendung für das Integrationsmanagement im Rahmen des Paktes für Integration wird abgelehnt.',
  'revocation-intro':
    'Der Zuwendungsbescheid vom {decisionDate} zu Ihrem Antrag vom {submittedOn} über {approvedAmount} wird mit Wirkung für die Vergangenheit widerrufen.',
  'revocation-consequence':
    'Die bereits ausgezahlten Mittel sind nach § 49a LVwVfG zu erstatten und zu verzinsen. Über die Höhe der Erstattung ergeht ein gesonderter Rückforderungsbescheid.',
  'revocation-no-claim':
    'Da aus dem Zuwendungsbescheid keine Mittel ausgezahlt wurden, ist nichts zu erstatten.',
  'amended-intro':
    'aufgrund Ihrer Änderungsanzeige vom {noticeDate} wird der Zuwendungsbescheid vom {decisionDate} (Aktenzeichen {fileNumber}) geändert: Die Zuwendung wird von {approvedBefore} auf {approvedAfter} neu festgesetzt. Die Beträge je Stelle sind mit den Fördersätzen der Förderrunde neu berechnet.',
  'amended-reduced':
    'Soweit bereits mehr ausgezahlt wurde, als nach diesem Bescheid zusteht, ist der Unterschied nach §\u00a049a LVwVfG zu erstatten; darüber ergeht ein gesonderter Rückforderungsbescheid. Weitere Mittel können nur im Rahmen des neu festgesetzten Betrags abgerufen werden.',
  'amended-rest':
    'Im Übrigen bleibt der Zuwendungsbescheid vom {decisionDate} einschließlich seiner Nebenbestimmungen unverändert.',
  'claim-intro':
    'nach Prüfung Ihres Verwendungsnachweises vom {proofDate} für den Zeitraum {periodFrom} bis {periodTo} wird der Zuwendungsbescheid vom {decisionDate} mit Wirkung für die Vergangenheit teilweise widerrufen, soweit geförderte Stellen nicht besetzt waren. Die insoweit ausgezahlten Mittel in Höhe von {principal} sind zu erstatten.',
  'claim-intro-revocation':
    'mit Bescheid vom {revocationDate} wurde der Zuwendungsbescheid vom {decisionDate} mit Wirkung für die Vergangenheit widerrufen. Die bereits ausgezahlten Mittel in Höhe von {principal} sind nach §\u00a049a Abs.\u00a01 LVwVfG zu erstatten.',
  'claim-interest':
    'Der Erstattungsbetrag ist nach §\u00a049a Abs.\u00a03 LVwVfG mit {percentagePoints} Prozentpunkten über dem Basiszinssatz ({baseRatePercent}\u00a0%), also mit {ratePercent}\u00a0% jährlich, zu verzinsen. Die Zinsen sind vom {interestFrom} (Auszahlung) bis zum {interestTo} berechnet; für die Zeit danach bis zum Eingang der Zahlung werden weitere Zinsen erhoben.',
  'claim-payment':
    'Bitte überweisen Sie den Gesamtbetrag von {total} bis zum {dueOn} an die Landesoberkasse Baden-Württemberg und geben Sie den Verwendungszweck an. Wird nicht fristgerecht gezahlt, wird der Betrag beigetrieben.',
  'claim-account': 'Landesoberkasse Baden-Württemberg; IBAN und BIC: von der Bewilligungsstelle einzutragen',
  remedy:
    'Rechtsbehelfsbelehrung: Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Klage beim Verwaltungsgericht erhoben werden. Ein Widerspruchsverfahren findet nicht statt.',
  'tier-secondary': 'Mittlerer Bildungsabschluss',
  'tier-bachelor': 'Bachelor bzw. Diplom (Fachhochschule)',
  'tier-master': 'Master bzw. Diplom (Universität)',
};

/** The texts a round's letters use: the round's own over the defaults (German). */
export function letterTexts(round?: Record<string, { de: string }>): Record<string, string> {
  const texts: Record<string, string> = { ...DEFAULT_LETTER_TEXTS };
  for (const [key, value] of Object.entries(round ?? {})) if (value?.de) texts[key] = value.de;
  return texts;
}
