// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AllocationImport, Organisation } from '../../api/types.ts';
import { searchOrganisations } from './frame-mappings.tsx';
import { FramesUpload } from './rounds-admin-page.tsx';

const upload = vi.hoisted(() => vi.fn());
vi.mock('../../api/client.ts', async (original) => ({
  ...(await original<typeof import('../../api/client.ts')>()),
  uploadAllocations: upload,
}));
const { api } = await import('../../api/client.ts');

const orgs: Organisation[] = [
  { id: 'weilheim-an-der-teck', name: 'Weilheim an der Teck', type: 'municipality', ags: '08116072' },
  { id: 'weil-der-stadt', name: 'Weil der Stadt', type: 'municipality', ags: '08115050' },
  { id: 'kirchheim-unter-teck', name: 'Kirchheim unter Teck', type: 'municipality', ags: '08116033' },
];

const row = (line: number, org: string, name: string, extra: object = {}) => ({
  line,
  org,
  name,
  frame: 1000,
  rounded: false,
  change: 'new' as const,
  ...extra,
});

/** The server's preview for the mappings sent: lines 3 and 4 match nothing until mapped. */
function previewFor(map: Readonly<Record<number, string>>): AllocationImport {
  const rows = [row(2, 'kirchheim-unter-teck', 'Kirchheim unter Teck')];
  const problems: AllocationImport['problems'] = [];
  if (map[3]) rows.push(row(3, map[3], 'Weilheim a. d. Teck'));
  else
    problems.push({
      line: 3,
      code: 'import.unknown_organisation',
      message: 'No organisation is called "Weilheim a. d. Teck": map it to one or create it.',
      name: 'Weilheim a. d. Teck',
    });
  if (map[4]) rows.push(row(4, 'neustadt', 'Neustadt', { createsOrganisation: true }));
  else
    problems.push({
      line: 4,
      code: 'import.unknown_organisation',
      message: 'No organisation is called "Neustadt": map it to one or create it.',
      name: 'Neustadt',
      ags: '08999001',
    });
  return {
    dryRun: true,
    written: false,
    rows,
    problems,
    notInFile: [],
    summary: { new: rows.length, changed: 0, unchanged: 0 },
  };
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  upload.mockReset();
});

describe('the planning-frame upload', () => {
  it('lets the admin map unmatched rows to an organisation or create them, checks again and imports with the mappings', async () => {
    vi.spyOn(api, 'organisations').mockResolvedValue({ data: { items: orgs } });
    upload.mockImplementation(async (_round: string, _csv: string, dryRun: boolean, map = {}) =>
      dryRun ? previewFor(map) : { ...previewFor(map), dryRun: false, written: true },
    );
    render(<FramesUpload round="2026-2027" />);
    const file = new File(['municipality,planning_frame_eur\n'], 'rahmen.csv', { type: 'text/csv' });
    fireEvent.change(screen.getByLabelText('CSV-Datei'), { target: { files: [file] } });
    const check = screen.getByRole('button', { name: 'Datei prüfen' });
    await waitFor(() => expect((check as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(check);

    expect(await screen.findByText('Zeilen ohne passende Organisation')).toBeTruthy();
    expect(screen.getByText('Zeile 4: Neustadt (Gemeindeschlüssel 08999001)')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /importieren/ })).toBeNull();

    // Line 3: searched by name, mapped to the existing organisation; the preview is asked for again.
    const target3 = screen.getByLabelText('Zuordnung der Zeile 3') as HTMLSelectElement;
    // The search starts from the row's first word; the admin widens and narrows it.
    await waitFor(() => expect(target3.options.length).toBe(3));
    const search3 = screen.getAllByLabelText('Organisation suchen (Name oder Gemeindeschlüssel)')[0]!;
    expect((search3 as HTMLInputElement).value).toBe('weilheim');
    fireEvent.change(search3, { target: { value: 'Weil' } });
    expect([...target3.options].map((o) => o.value)).toEqual([
      '',
      '*',
      'weilheim-an-der-teck',
      'weil-der-stadt',
    ]);
    fireEvent.change(search3, { target: { value: '08116072' } });
    expect([...target3.options].map((o) => o.value)).toEqual(['', '*', 'weilheim-an-der-teck']);
    fireEvent.change(target3, { target: { value: 'weilheim-an-der-teck' } });
    await waitFor(() =>
      expect(upload).toHaveBeenLastCalledWith('2026-2027', expect.any(String), true, {
        3: 'weilheim-an-der-teck',
      }),
    );

    // Line 4: created as a new organisation.
    const target4 = screen.getByLabelText('Zuordnung der Zeile 4') as HTMLSelectElement;
    await waitFor(() => expect(target4.disabled).toBe(false));
    fireEvent.change(target4, { target: { value: '*' } });
    await waitFor(() =>
      expect(upload).toHaveBeenLastCalledWith('2026-2027', expect.any(String), true, {
        3: 'weilheim-an-der-teck',
        4: '*',
      }),
    );
    expect(await screen.findByText(/Neustadt \(wird neu angelegt\)/)).toBeTruthy();

    // The controls stay, with the choices made; the import sends the same mappings.
    expect(target3.value).toBe('weilheim-an-der-teck');
    fireEvent.click(await screen.findByRole('button', { name: 'Alle 3 Zeilen importieren' }));
    await waitFor(() =>
      expect(upload).toHaveBeenLastCalledWith('2026-2027', expect.any(String), false, {
        3: 'weilheim-an-der-teck',
        4: '*',
      }),
    );
    expect(await screen.findByText('Die Planungsrahmen sind importiert (3 Zeilen).')).toBeTruthy();
  });

  it('searches organisations by every word of the name, ignoring accents and dots, or by the key', () => {
    // "a. d." finds "an der" by its parts.
    expect(searchOrganisations(orgs, 'Weilheim a. d. Teck').map((o) => o.id)).toEqual([
      'weilheim-an-der-teck',
    ]);
    expect(searchOrganisations(orgs, 'weilheim TECK').map((o) => o.id)).toEqual(['weilheim-an-der-teck']);
    expect(searchOrganisations(orgs, '08116').map((o) => o.id)).toEqual([
      'weilheim-an-der-teck',
      'kirchheim-unter-teck',
    ]);
    expect(searchOrganisations(orgs, '')).toHaveLength(3);
  });
});
