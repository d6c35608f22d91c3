import type { ArrayFieldItemTemplateProps } from '@rjsf/utils';

export function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, buttonsProps, hasToolbar, registry, uiSchema } = props;
  const { ArrayFieldItemButtonsTemplate } = registry.templates;
  return (
    <div className="pakt-array__item-body">
      {children}
      {hasToolbar && (
        <div className="kern-btn-wrapper pakt-array__toolbar">
          <ArrayFieldItemButtonsTemplate {...buttonsProps} uiSchema={uiSchema} registry={registry} />
        </div>
      )}
    </div>
  );
}
