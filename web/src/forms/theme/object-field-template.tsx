import { getUiOptions, type ObjectFieldTemplateProps } from '@rjsf/utils';
import { Optional } from './shared.tsx';

export function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { title, description, properties, fieldPathId, required, uiSchema } = props;
  const depth = fieldPathId.path.length;
  const visible = properties.filter((p) => !p.hidden).map((p) => p.content);
  const hidden = properties.filter((p) => p.hidden).map((p) => p.content);
  const uiTitle = (getUiOptions(uiSchema).title as string | undefined) ?? title;
  if (depth === 0) {
    return (
      <div className="pakt-object pakt-object--root" id={fieldPathId.$id}>
        {visible}
        {hidden}
      </div>
    );
  }
  return (
    <fieldset className={`kern-fieldset pakt-group pakt-group--${Math.min(depth, 3)}`} id={fieldPathId.$id}>
      {uiTitle && (
        <legend className="kern-label pakt-legend">
          {uiTitle}
          <Optional required={required || depth === 1} />
        </legend>
      )}
      {description && (
        <div className="kern-hint" id={`${fieldPathId.$id}__description`}>
          {description}
        </div>
      )}
      <div className="kern-fieldset__body pakt-group__body">{visible}</div>
      {hidden}
    </fieldset>
  );
}
