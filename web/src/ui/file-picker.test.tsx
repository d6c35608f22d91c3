// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import { FilePicker } from './file-picker.tsx';

afterEach(cleanup);

function renderPicker(file: File | null, onChange = vi.fn()) {
  render(
    <I18nProvider>
      <p id="limits">Erlaubt: PDF</p>
      <FilePicker
        id="f"
        label="Datei auswählen"
        accept=".pdf"
        describedBy="limits"
        file={file}
        onChange={onChange}
      />
    </I18nProvider>,
  );
  return onChange;
}

describe('file picker', () => {
  it('names the file input by its label and says in the UI language that no file is chosen yet', () => {
    renderPicker(null);
    const input = screen.getByLabelText('Datei auswählen') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.accept).toBe('.pdf');
    expect(input.getAttribute('aria-describedby')).toBe('f-chosen limits');
    expect(document.getElementById('f-chosen')?.textContent).toBe('Keine Datei ausgewählt');
    // The visible button is the label itself, so a click on it opens the browser's file dialog.
    expect(screen.getByText('Datei auswählen').closest('label')?.htmlFor).toBe('f');
  });

  it('shows the chosen file by name and hands it on', () => {
    const file = new File(['%PDF-1.4'], 'Antrag.pdf', { type: 'application/pdf' });
    const onChange = renderPicker(file);
    expect(document.getElementById('f-chosen')?.textContent).toBe('Antrag.pdf');
    const input = screen.getByLabelText('Datei auswählen');
    Object.defineProperty(input, 'files', { value: [file] });
    fireEvent.change(input);
    expect(onChange).toHaveBeenCalledWith(file);
  });
});
