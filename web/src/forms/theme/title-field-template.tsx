import type { TitleFieldProps } from '@rjsf/utils';

export const TitleFieldTemplate = ({ id, title }: TitleFieldProps) => (
  <p className="kern-title" id={id}>
    {title}
  </p>
);
