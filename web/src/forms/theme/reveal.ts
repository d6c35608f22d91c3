/** Fired (on window) to make a field visible before focusing it: collapsed list items open themselves. */
export const REVEAL_EVENT = 'pakt:reveal';
