// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client.ts';
import type { JsonObject, Submission } from '../../api/types.ts';
import { readDraft } from './draft-store.ts';
import { useAutosave } from './use-autosave.ts';

const answer = (data: JsonObject, version: number) => ({
  data: { id: 's1', data, version } as unknown as Submission,
  etag: String(version),
});

function setup(save = vi.fn(async (_id: string, data: JsonObject, v: number) => answer(data, v + 1))) {
  const hook = renderHook(() => useAutosave({ id: 's1', data: { a: 1 }, version: 3, save, delay: 1000 }));
  return { hook, save };
}

beforeEach(() => {
  vi.useFakeTimers();
  sessionStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useAutosave', () => {
  it('never saves a change nobody typed (defaults filled in when the form opens)', async () => {
    const { hook, save } = setup();
    act(() => hook.result.current.change({ a: 1, requested: false }, false));
    await act(async () => vi.advanceTimersByTimeAsync(5000));
    expect(save).not.toHaveBeenCalled();
    expect(hook.result.current.state.kind).toBe('saved');
    expect(hook.result.current.data).toEqual({ a: 1, requested: false });
  });

  it('saves a user edit once, after the pause, with the version it knows', async () => {
    const { hook, save } = setup();
    act(() => hook.result.current.change({ a: 2 }, true));
    act(() => hook.result.current.change({ a: 3 }, true));
    expect(hook.result.current.state.kind).toBe('pending');
    await act(async () => vi.advanceTimersByTimeAsync(999));
    expect(save).not.toHaveBeenCalled();
    await act(async () => vi.advanceTimersByTimeAsync(1));
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith('s1', { a: 3 }, 3, {});
    expect(hook.result.current.state.kind).toBe('saved');
    expect(hook.result.current.version()).toBe(4);
    expect(readDraft('s1')).toBeNull();
  });

  it('stops on 412 and keeps the typed copy in the tab', async () => {
    const save = vi.fn(async () => {
      throw new ApiError(412, 'submission.version_conflict', 'conflict');
    });
    const { hook } = setup(save);
    act(() => hook.result.current.change({ a: 9 }, true));
    await act(async () => vi.advanceTimersByTimeAsync(1000));
    expect(hook.result.current.state.kind).toBe('conflict');
    act(() => hook.result.current.change({ a: 10 }, true));
    await act(async () => vi.advanceTimersByTimeAsync(5000));
    expect(save).toHaveBeenCalledTimes(1);
    expect(readDraft('s1')).toEqual({ data: { a: 10 }, version: 3, raw: {} });
    await act(async () => expect(await hook.result.current.saveNow()).toBe(false));
  });

  it('saves text that does not parse as raw text, and says "saved" only once the server has it', async () => {
    const { hook, save } = setup();
    act(() => hook.result.current.setRaw('/b', '1.2.3'));
    expect(hook.result.current.state.kind).toBe('pending');
    await act(async () => vi.advanceTimersByTimeAsync(1000));
    expect(save).toHaveBeenCalledWith('s1', { a: 1 }, 3, { '/b': '1.2.3' });
    expect(hook.result.current.state.kind).toBe('saved');
    // Typed again while the field still does not parse: unsaved until the next save.
    act(() => hook.result.current.setRaw('/b', '1.2.3.4'));
    expect(hook.result.current.state.kind).toBe('pending');
    act(() => hook.result.current.setRaw('/b', undefined));
    await act(async () => vi.advanceTimersByTimeAsync(1000));
    expect(save).toHaveBeenLastCalledWith('s1', { a: 1 }, 4, {});
  });

  it('saves a plan’s translations with the draft, and the removal of the last one too', async () => {
    // The server keeps what it is sent, except a translation of a text no longer there.
    const save = vi.fn(
      async (_id: string, data: JsonObject, v: number, _raw: unknown, sent?: Record<string, unknown>) => {
        const { '/gone': _dropped, ...kept } = sent ?? {};
        return {
          data: { id: 's1', data, version: v + 1, translations: kept } as unknown as Submission,
          etag: String(v + 1),
        };
      },
    );
    const hook = renderHook(() =>
      useAutosave({ id: 's1', data: { a: 1 }, version: 3, translations: {}, save, delay: 1000 }),
    );
    const note = { lang: 'ar', text: 'ملاحظة', sourceHash: '0a' };
    act(() => hook.result.current.setTranslation('/notes', note));
    act(() => hook.result.current.setTranslation('/gone', note));
    expect(hook.result.current.state.kind).toBe('pending');
    await act(async () => vi.advanceTimersByTimeAsync(1000));
    expect(save).toHaveBeenCalledWith('s1', { a: 1 }, 3, {}, { '/notes': note, '/gone': note });
    expect(hook.result.current.state.kind).toBe('saved');
    // What the server dropped is not sent again.
    expect(hook.result.current.translations()).toEqual({ '/notes': note });
    act(() => hook.result.current.setTranslation('/notes', undefined));
    await act(async () => vi.advanceTimersByTimeAsync(1000));
    expect(save).toHaveBeenLastCalledWith('s1', { a: 1 }, 4, {}, {});
    expect(hook.result.current.state.kind).toBe('saved');
  });

  it('asks before leaving while a change is unsaved, and not after it is saved', async () => {
    const { hook } = setup();
    const leave = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leave()).toBe(false);
    act(() => hook.result.current.change({ a: 2 }, true));
    expect(leave()).toBe(true);
    await act(async () => vi.advanceTimersByTimeAsync(1000));
    expect(leave()).toBe(false);
  });

  it('restores a copy from an earlier session and saves it at once', async () => {
    sessionStorage.setItem('pakt.draft.s1', JSON.stringify({ data: { a: 7 }, version: 3 }));
    const { hook, save } = setup();
    expect(hook.result.current.restored).toBe(true);
    expect(hook.result.current.data).toEqual({ a: 7 });
    await act(async () => vi.advanceTimersByTimeAsync(0));
    expect(save).toHaveBeenCalledWith('s1', { a: 7 }, 3, {});
  });

  it('takes a copy typed over an older version for a conflict instead of saving it', async () => {
    sessionStorage.setItem('pakt.draft.s1', JSON.stringify({ data: { a: 7 }, version: 2 }));
    const { hook, save } = setup();
    expect(hook.result.current.state.kind).toBe('conflict');
    await act(async () => vi.advanceTimersByTimeAsync(5000));
    expect(save).not.toHaveBeenCalled();
  });
});
