import { EXPECTATIONS } from '@shared/complaint/document';
import { View } from '@tarojs/components';
import { useEffect } from 'react';
import { ChoiceChips } from '../../../../components/ChoiceChips';
import { FormField } from '../../../../components/FormField';
import { useI18n } from '../../../../i18n';
import { expectationLabel } from '../../../../i18n/format';
import { MAX_MEDIA } from '../../../../utils/media';
import { TOPIC_HINT, type ComplaintForm as FormState } from '../../hooks/useComplaintForm';
import { useClassifyPreview } from '../../hooks/useClassifyPreview';
import { useFaqSuggestions } from '../../hooks/useFaqSuggestions';
import { useMediaUploads } from '../../hooks/useMediaUploads';
import { ContactFields } from '../ContactFields';
import { DescriptionField } from '../DescriptionField';
import { MediaPicker } from '../MediaPicker';
import { SubmitBar } from '../SubmitBar';
import { TopicPicker } from '../TopicPicker';
import './index.scss';

export interface ComplaintFormProps {
  form: FormState;
  /** The order number came with the link (opened from an order). */
  fixedOrderNo?: string;
}

/** The complaint form, top to bottom in the order people think: what, what happened, proof, how to reach you, what you hope for. */
export function ComplaintForm({ form, fixedOrderNo }: ComplaintFormProps) {
  const { t } = useI18n();
  const { draft, errors, failure, submitting, update } = form;
  const media = useMediaUploads(draft.media);
  const faq = useFaqSuggestions(draft.description);
  const preview = useClassifyPreview(draft.description, draft.topic ? TOPIC_HINT[draft.topic] : undefined);

  // Uploaded files belong to the draft (they survive a restart); local-only ones do not.
  const { setMedia } = form;
  useEffect(() => setMedia(media.uploaded), [media.uploaded, setMedia]);
  const { receipt } = form;
  const { clear } = media;
  useEffect(() => {
    if (receipt) clear();
  }, [receipt, clear]);

  const expectationOptions = EXPECTATIONS.map((value) => ({ value, label: expectationLabel(t, value) }));
  const hasFieldErrors = Object.values(errors).some(Boolean);

  return (
    <View className='k-form' id='complaint-form' aria-label={t('form.aria')}>
      <FormField id='topic' label={t('form.topic.label')} tag={t('form.optional')} error={errors.topic} hint={t('form.topic.hint')}>
        <TopicPicker value={draft.topic} onChange={(topic) => update({ topic })} />
      </FormField>

      <DescriptionField
        value={draft.description}
        topic={draft.topic}
        error={errors.description}
        faqs={faq.items}
        preview={preview}
        onChange={(description) => update({ description })}
        onFocus={form.markOpened}
        onFaqView={faq.markViewed}
      />

      <FormField id='media' label={t('form.media.label')} tag={t('form.media.tag', { max: MAX_MEDIA })} error={errors.media}>
        <MediaPicker
          items={media.items}
          room={media.room}
          onAdd={(picked) => {
            form.markOpened();
            media.add(picked);
          }}
          onRemove={media.remove}
          onRetry={media.retry}
        />
      </FormField>

      <ContactFields
        phone={draft.contactPhone}
        orderNo={fixedOrderNo ?? draft.orderNo}
        phoneError={errors.contactPhone}
        orderError={errors.orderNo}
        orderFromLink={!!fixedOrderNo}
        onPhone={(contactPhone) => update({ contactPhone })}
        onPhoneBlur={form.checkPhone}
        onOrderNo={(orderNo) => update({ orderNo })}
        tasteFocus={preview?.subcategory === 'taste'}
      />

      <FormField id='expectation' label={t('form.expectation.label')} tag={t('form.optional')} error={errors.expectation}>
        <ChoiceChips id='expectation-chips' options={expectationOptions} value={draft.expectation} onChange={(expectation) => update({ expectation })} ariaLabel={t('form.expectation.label')} />
      </FormField>

      <SubmitBar
        submitting={submitting}
        failure={failure}
        hasFieldErrors={hasFieldErrors}
        onSubmit={() =>
          void form.submit({
            mediaBusy: media.busy,
            mediaMessage: media.failed ? t('form.media.fixFailed') : undefined,
            waitMessage: t('form.media.wait'),
          })
        }
      />
    </View>
  );
}

export default ComplaintForm;
