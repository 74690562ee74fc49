import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

export interface FormFieldProps {
  label: string;
  /** Shown beside the label: 必填 / 选填 in the caller's language. */
  tag?: string;
  required: boolean;
  hint?: ReactNode;
  /** Top-right of the label row, e.g. a character count. */
  aside?: ReactNode;
  /** The message for this field (client check or the server's `fields`), shown under it. */
  error?: string;
  /** The caller shows `error` itself, right under its control (when more follows the control). */
  messageInside: boolean;
  children: ReactNode;
  /** Also the scroll target when the field has an error (`#field-<id>`). */
  id: string;
  className: string;
}

const defaultProps: FormFieldProps = { label: '', required: false, messageInside: false, children: null, id: '', className: '' };

/** One form field: label, the control, a hint, and its error in words right next to it. */
export function FormField(props: Partial<FormFieldProps>) {
  const { label, tag, required, hint, aside, error, messageInside, children, id, className } = { ...defaultProps, ...props };
  return (
    <View id={`field-${id}`} className={`k-field${error ? ' k-field--error' : ''} ${className}`} data-error={error ? 'true' : undefined}>
      <View className='k-field__head'>
        <Text className='k-field__label'>
          {label}
          {tag && <Text className={`k-field__tag${required ? ' k-field__tag--required' : ''}`}>{tag}</Text>}
        </Text>
        {aside && <View className='k-field__aside'>{aside}</View>}
      </View>
      {children}
      {error && !messageInside && (
        <View id={`${id}-error`} className='k-field__error' role='alert'>
          {error}
        </View>
      )}
      {hint && !error && <View className='k-field__hint'>{hint}</View>}
    </View>
  );
}

export default FormField;
