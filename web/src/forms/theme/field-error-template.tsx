import type { FieldErrorProps } from '@rjsf/utils';
import { ErrorText } from './shared.tsx';

export const FieldErrorTemplate = ({ errors = [], fieldPathId }: FieldErrorProps) => (
  <ErrorText
    id={`${fieldPathId.$id}__error`}
    errors={errors.filter((e): e is string => typeof e === 'string')}
  />
);
