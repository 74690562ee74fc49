import { Text, View } from '@tarojs/components';
import type { ClientError } from '../../../../api';
import { ActionButton } from '../../../../components/ActionButton';
import { useI18n } from '../../../../i18n';
import './index.scss';

export interface SubmitBarProps {
  submitting: boolean;
  failure?: ClientError;
  /** Per-field problems are on the page: say so here too, where the customer is looking. */
  hasFieldErrors: boolean;
  onSubmit: () => void;
}

/** The submit button, what went wrong if it did, and the reassurance that nothing typed is lost. */
export function SubmitBar({ submitting, failure, hasFieldErrors, onSubmit }: SubmitBarProps) {
  const { t } = useI18n();
  const message = failure ? (failure.retryable ? t('form.submit.network') : failure.message) : hasFieldErrors ? t('form.submit.fixFields') : undefined;
  return (
    <View className='k-submit' id='submit-bar'>
      {message && (
        <View id='submit-error' className='k-submit__error' role='alert'>
          {message}
        </View>
      )}
      <ActionButton id='submit-complaint' className='k-submit__button' loading={submitting} ariaLabel={t('form.submit.aria')} onClick={onSubmit}>
        {submitting ? t('form.submit.sending') : failure?.retryable ? t('form.submit.retry') : t('form.submit.label')}
      </ActionButton>
      <Text className='k-submit__note'>{t('form.submit.note')}</Text>
    </View>
  );
}

export default SubmitBar;
