import type { FieldHelpProps } from '@rjsf/utils';
import type { ReactNode } from 'react';

export const FieldHelpTemplate = ({ help, fieldPathId }: FieldHelpProps) =>
  help ? (
    <div className="kern-hint" id={`${fieldPathId.$id}__help`}>
      {help as ReactNode}
    </div>
  ) : null;
