/**
 * The react-jsonschema-form theme on KERN UX: templates and widgets that render KERN markup and classes
 * (`kern-form-input`, `kern-label`, `kern-hint`, `kern-error`, `kern-fieldset`, `kern-form-check`, `kern-btn`).
 * It serves every form and knows none of them. Accessibility: every input has a label, hints and errors
 * are tied in with `aria-describedby`, invalid inputs carry `aria-invalid`, groups use fieldset/legend.
 */
import type { ThemeProps } from '@rjsf/core';
import { ArrayFieldItemTemplate } from './array-field-item-template.tsx';
import { ArrayFieldTemplate } from './array-field-template.tsx';
import { BaseInputTemplate } from './base-input-template.tsx';
import {
  AddButton,
  CopyButton,
  MoveDownButton,
  MoveUpButton,
  RemoveButton,
  SubmitButton,
} from './buttons.tsx';
import { CheckboxWidget } from './checkbox-widget.tsx';
import { CheckboxesWidget } from './checkboxes-widget.tsx';
import { DescriptionFieldTemplate } from './description-field-template.tsx';
import { ErrorListTemplate } from './error-list-template.tsx';
import { FieldErrorTemplate } from './field-error-template.tsx';
import { FieldHelpTemplate } from './field-help-template.tsx';
import { FieldTemplate } from './field-template.tsx';
import { HiddenSectionField } from './hidden-section-field.tsx';
import { ObjectFieldTemplate } from './object-field-template.tsx';
import { RadioWidget } from './radio-widget.tsx';
import { SelectWidget } from './select-widget.tsx';
import { TextareaWidget } from './textarea-widget.tsx';
import { TitleFieldTemplate } from './title-field-template.tsx';

export const kernTheme: ThemeProps = {
  templates: {
    FieldTemplate,
    ObjectFieldTemplate,
    ArrayFieldTemplate,
    ArrayFieldItemTemplate,
    BaseInputTemplate,
    ErrorListTemplate,
    FieldErrorTemplate,
    FieldHelpTemplate,
    DescriptionFieldTemplate,
    TitleFieldTemplate,
    ButtonTemplates: { AddButton, RemoveButton, MoveUpButton, MoveDownButton, CopyButton, SubmitButton },
  },
  widgets: {
    TextareaWidget,
    SelectWidget,
    CheckboxWidget,
    RadioWidget,
    CheckboxesWidget,
  },
  fields: { hiddenSection: HiddenSectionField },
};
