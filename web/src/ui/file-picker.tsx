/**
 * A file field whose visible part speaks the UI's language: a button-styled label ("Datei auswählen") and the
 * chosen file's name, instead of the native control's button and "no file" text in the browser's language.
 * The native input stays in the page, visually hidden but focusable and named by the label, so keyboard,
 * screen readers and the browser's own file dialog work as before; its focus is shown on the button.
 */
import type { Ref } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

export function FilePicker({
  id,
  label,
  accept,
  describedBy,
  file,
  inputRef,
  onChange,
}: {
  id: string;
  label: string;
  accept?: string;
  /** Ids of texts that describe the field (limits, hints). */
  describedBy?: string;
  /** The chosen file, shown by name. */
  file: File | null;
  inputRef?: Ref<HTMLInputElement>;
  onChange(file: File | null): void;
}) {
  const { t } = useI18n();
  const chosen = `${id}-chosen`;
  return (
    <div className="pakt-filepicker">
      <input
        ref={inputRef}
        id={id}
        type="file"
        className="pakt-filepicker__input"
        accept={accept}
        aria-describedby={[chosen, describedBy].filter(Boolean).join(' ')}
        onChange={(e) => onChange(e.target.files?.[0] ?? null)}
      />
      <label htmlFor={id} className="kern-btn kern-btn--secondary pakt-filepicker__button">
        <span className="kern-icon kern-icon--add" aria-hidden="true" />
        <span className="kern-label">{label}</span>
      </label>
      <span className="kern-body pakt-filepicker__chosen" id={chosen}>
        {file ? file.name : t('file.none')}
      </span>
    </div>
  );
}
