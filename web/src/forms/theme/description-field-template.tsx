import type { DescriptionFieldProps } from '@rjsf/utils';

export const DescriptionFieldTemplate = ({ id, description }: DescriptionFieldProps) =>
  description ? (
    <div className="kern-hint" id={id}>
      {description}
    </div>
  ) : null;
