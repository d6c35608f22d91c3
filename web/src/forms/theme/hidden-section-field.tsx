import type { FieldProps } from '@rjsf/utils';

/** Renders nothing: used by pages that show one top-level section at a time. */
export const HiddenSectionField = (_: FieldProps) => null;
