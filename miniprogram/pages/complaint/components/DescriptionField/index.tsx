import { Text, Textarea, View } from '@tarojs/components';
import type { FaqSuggestion } from '@shared/api/functions/complaint';
import type { ClassificationPreview } from '@shared/classifier/describe';
import { FormField } from '../../../../components/FormField';
import { useI18n, type MessageKey } from '../../../../i18n';
import type { Topic } from '../../../../utils/draft';
import { ClassifyHint } from '../ClassifyHint';
import { FaqSuggestions } from '../FaqSuggestions';
import './index.scss';

/** The server's limits (descriptionSchema): said here for the counter, checked there. */
export const DESCRIPTION_MIN = 5;
export const DESCRIPTION_MAX = 500;

export interface DescriptionFieldProps {
  value: string;
  topic?: Topic;
  error?: string;
  faqs: FaqSuggestion[];
  preview?: ClassificationPreview;
  onChange: (value: string) => void;
  onFocus: () => void;
  onFaqView: (faqId: string) => void;
}

/**
 * What happened, with a live count, an example for the chosen topic, and FAQ answers while typing.
 * A fixed-height box rather than `autoHeight`: the browser build measures every line on each render for
 * autoHeight, which cost ~80 ms of the form's first paint.
 */
export function DescriptionField({ value, topic, error, faqs, preview, onChange, onFocus, onFaqView }: DescriptionFieldProps) {
  const { t } = useI18n();
  const length = value.trim().length;
  const short = length > 0 && length < DESCRIPTION_MIN;
  const example = t(`form.description.example.${topic ?? 'any'}` as MessageKey);
  return (
    <FormField
      id='description'
      label={t('form.description.label')}
      tag={t('form.required')}
      required
      error={error}
      messageInside
      aside={
        <Text id='description-count' className={`k-desc__count${short ? ' k-desc__count--short' : ''}`} aria-label={t('form.description.countAria', { n: length, max: DESCRIPTION_MAX })}>
          {length}/{DESCRIPTION_MAX}
        </Text>
      }
    >
      <Textarea
        id='description'
        className='k-desc__input'
        value={value}
        maxlength={DESCRIPTION_MAX}
        placeholder={t('form.description.placeholder')}
        placeholderClass='k-desc__placeholder'
        disableDefaultPadding
        aria-label={t('form.description.label')}
        nativeProps={{ 'aria-label': t('form.description.label') }}
        onInput={(e) => onChange(e.detail.value)}
        onFocus={onFocus}
      />
      {error && (
        <View id='description-error' className='k-field__error' role='alert'>
          {error}
        </View>
      )}
      {short && !error && <Text className='k-desc__more'>{t('form.description.more', { n: DESCRIPTION_MIN - length })}</Text>}
      <ClassifyHint preview={preview} />
      {length < 20 && (
        <View className='k-desc__example'>
          <Text className='k-desc__example-label'>{t('form.description.exampleLabel')}</Text>
          <Text className='k-desc__example-text'>{example}</Text>
        </View>
      )}
      <FaqSuggestions items={faqs} onView={onFaqView} />
    </FormField>
  );
}

export default DescriptionField;
