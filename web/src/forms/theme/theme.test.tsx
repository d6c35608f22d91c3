// @vitest-environment happy-dom
import Form from '@rjsf/core';
import type { RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { kernTheme } from './index.ts';

const schema: RJSFSchema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', title: 'Name' },
    email: { type: 'string', title: 'E-Mail', description: 'Für Rückfragen' },
    share: { type: 'number', title: 'Anteil (EUR)' },
    yearOfBirth: { type: 'integer', title: 'Geburtsjahr' },
  },
};

function renderForm(formData: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const onChange = vi.fn();
  render(
    <Form
      {...kernTheme}
      schema={schema}
      formData={formData}
      validator={validator}
      onChange={onChange}
      idPrefix="root"
      {...extra}
    >
      <span />
    </Form>,
  );
  return onChange;
}

afterEach(cleanup);

describe('KERN theme', () => {
  it('labels every input and marks only optional fields as optional', () => {
    renderForm({});
    const name = screen.getByLabelText('Name');
    expect(name.className).toContain('kern-form-input__input');
    expect(name.closest('.kern-form-input')?.textContent).not.toContain('(optional)');
    expect(screen.getByLabelText(/E-Mail/).closest('.kern-form-input')?.textContent).toContain('(optional)');
  });

  it('shows nothing of a field in a section not shown now, not even its hint or help', () => {
    renderForm(
      {},
      {
        uiSchema: {
          email: { 'ui:field': 'hiddenSection', 'ui:help': 'Siehe Antrag' },
          share: { 'ui:field': 'hiddenSection' },
        },
      },
    );
    expect(screen.getByLabelText('Name')).toBeTruthy();
    expect(document.body.textContent).not.toContain('Für Rückfragen');
    expect(document.body.textContent).not.toContain('Siehe Antrag');
    expect(document.body.textContent).not.toContain('Anteil');
    expect(document.querySelectorAll('.pakt-field')).toHaveLength(2);
  });

  it('ties the hint and the error to the input', () => {
    renderForm({ email: 'x' }, { extraErrors: { email: { __errors: ['Bitte prüfen'] } } });
    const email = screen.getByLabelText(/E-Mail/);
    expect(email.getAttribute('aria-invalid')).toBe('true');
    const described = (email.getAttribute('aria-describedby') ?? '').split(' ');
    expect(described).toContain('root_email__description');
    expect(described).toContain('root_email__error');
    expect(document.getElementById('root_email__error')?.textContent).toContain('Bitte prüfen');
    expect(document.getElementById('root_email__description')?.textContent).toBe('Für Rückfragen');
  });

  it('shows nothing of a section that is not the current one: no label, no hint, no help', () => {
    renderForm(
      {},
      {
        uiSchema: {
          email: { 'ui:field': 'hiddenSection', 'ui:help': 'Hilfe zur E-Mail' },
          share: { 'ui:help': 'Hilfe zum Anteil' },
        },
      },
    );
    expect(screen.queryByLabelText(/E-Mail/)).toBeNull();
    expect(document.body.textContent).not.toContain('Für Rückfragen');
    expect(document.body.textContent).not.toContain('Hilfe zur E-Mail');
    expect(document.body.textContent).toContain('Hilfe zum Anteil');
    expect(screen.getByLabelText(/Anteil/)).toBeTruthy();
  });

  it('reads German numbers and shows them in German', () => {
    const onChange = renderForm({ share: 1234.5, yearOfBirth: 1988 });
    const share = screen.getByLabelText(/Anteil/) as HTMLInputElement;
    expect(share.value).toBe('1234,5');
    expect((screen.getByLabelText(/Geburtsjahr/) as HTMLInputElement).value).toBe('1988');
    fireEvent.change(share, { target: { value: '17.000' } });
    expect(onChange.mock.lastCall?.[0].formData.share).toBe(17000);
    fireEvent.change(share, { target: { value: '1.234,56' } });
    expect(onChange.mock.lastCall?.[0].formData.share).toBe(1234.56);
  });

  it('refuses an ambiguous number with a message and keeps what was typed', () => {
    const onChange = renderForm({ share: 5 });
    const share = screen.getByLabelText(/Anteil/) as HTMLInputElement;
    fireEvent.change(share, { target: { value: '1.5' } });
    expect(share.value).toBe('1.5');
    expect(share.getAttribute('aria-invalid')).toBe('true');
    const message = document.getElementById(share.getAttribute('aria-describedby') ?? '');
    expect(message?.textContent).toContain('keine eindeutige Zahl');
    expect(onChange.mock.calls.every((c) => c[0].formData.share === 5)).toBe(true);
  });

  it('in a draft, keeps text that does not parse as raw text and empties the value', () => {
    const kept = new Map<string, string | undefined>();
    const rawText = {
      get: (id: string) => kept.get(id),
      set: (id: string, text?: string) => kept.set(id, text),
    };
    const onChange = renderForm({ share: 5 }, { formContext: { rawText } });
    const share = screen.getByLabelText(/Anteil/) as HTMLInputElement;
    fireEvent.change(share, { target: { value: '1.2.3' } });
    expect(share.value).toBe('1.2.3');
    expect(kept.get('root_share')).toBe('1.2.3');
    expect(onChange.mock.calls.at(-1)?.[0].formData.share).toBeUndefined();
    fireEvent.change(share, { target: { value: '17.000' } });
    expect(kept.get('root_share')).toBeUndefined();
    expect(onChange.mock.calls.at(-1)?.[0].formData.share).toBe(17000);
  });

  it('shows kept raw text again, with its message', () => {
    const rawText = {
      get: (id: string) => (id === 'root_share' ? '1.2.3' : undefined),
      set: () => undefined,
    };
    renderForm({}, { formContext: { rawText } });
    const share = screen.getByLabelText(/Anteil/) as HTMLInputElement;
    expect(share.value).toBe('1.2.3');
    expect(share.getAttribute('aria-invalid')).toBe('true');
  });

  it('keeps showing a number rjsf hands back as a string', () => {
    renderForm({ share: '17000' });
    expect((screen.getByLabelText(/Anteil/) as HTMLInputElement).value).toBe('17.000');
  });
});
