import { complaint as contract } from '@shared/api/functions/complaint';
import { validate } from '@shared/api/validate';
import { Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { call, type ClientError } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { FormField } from '../../../components/FormField';
import { LoadingSkeleton } from '../../../components/LoadingSkeleton';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { complaintIdFrom } from '../../../utils/routes';
import { useComplaint } from '../hooks/useComplaint';
import { useRequestId } from '../hooks/useRequestId';
import { NpsScale } from './components/NpsScale';
import { StarRating } from './components/StarRating';
import './index.scss';

const COMMENT_MAX = 300;

/**
 * 评价 (subpackage): 1–5 stars, 0–10 recommendation, a few words; once per complaint. A rating already
 * given shows the thanks instead of the form.
 */
export default function RatingPage() {
  const { params } = useRouter();
  const complaintId = complaintIdFrom(params);
  const { epoch } = useSession();
  const { t } = useI18n();
  const remote = useComplaint(complaintId, epoch);
  const { state } = remote;
  const request = useRequestId();
  const [stars, setStars] = useState(0);
  const [nps, setNps] = useState<number>();
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<{ field?: 'stars' | 'nps' | 'comment'; message: string; cause?: ClientError }>();

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('rating.title') }).catch(() => undefined);
  }, [t]);

  if (state.status === 'loading') return <LoadingSkeleton className='k-page k-page--plain' cards={2} lines={3} label={t('detail.loading')} />;
  if (state.status === 'error') {
    return (
      <View className='k-page k-page--plain'>
        <ErrorState title={t('detail.error')} error={state.error} retryText={t('common.reload')} onRetry={state.error.code === 'NOT_FOUND' ? undefined : () => void remote.reload()} />
      </View>
    );
  }

  const view = state.data;
  /** A field's message goes once the customer changes that field. */
  const clearError = (field: 'stars' | 'nps' | 'comment') => setError((e) => (e?.field === field ? undefined : e));
  const back = () => void Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/mine/index' }));

  if (view.rating) {
    return (
      <View className='k-page k-page--plain rating-page' id='rating-page'>
        <View className='k-card rating-thanks' id='rating-thanks' role='status'>
          <View className='rating-thanks__heart' aria-hidden />
          <Text className='rating-thanks__title'>{t('rating.thanksTitle')}</Text>
          <Text className='rating-thanks__stars' aria-label={t('rating.starsAria', { n: view.rating.stars })}>
            {'★'.repeat(view.rating.stars)}
            <Text className='rating-thanks__stars-off'>{'★'.repeat(5 - view.rating.stars)}</Text>
          </Text>
          <Text className='rating-thanks__text'>{t(view.rating.stars <= 2 ? 'rating.thanksLow' : 'rating.thanksText')}</Text>
          <ActionButton id='rating-back' className='rating-thanks__back' type='outline' onClick={back}>
            {t('rating.back')}
          </ActionButton>
        </View>
      </View>
    );
  }

  if (!view.canRate) {
    return (
      <View className='k-page k-page--plain'>
        <EmptyState title={t('rating.notYetTitle')} description={t('rating.notYetText')} action={<ActionButton size='small' onClick={back}>{t('rating.back')}</ActionButton>} />
      </View>
    );
  }

  const submit = async () => {
    if (sending) return;
    const input = { complaintId: view.complaintId, stars, ...(nps !== undefined ? { nps } : {}), ...(comment.trim() ? { comment: comment.trim() } : {}) };
    const checked = validate(contract.rate.input, stars ? input : { ...input, stars: undefined });
    if (!checked.ok) {
      const fields = checked.error.fields ?? {};
      const field = (['stars', 'nps', 'comment'] as const).find((f) => fields[f]);
      return setError({ field, message: (field && fields[field]) || checked.error.message });
    }
    setSending(true);
    setError(undefined);
    const res = await call('complaint', 'rate', input, { requestId: request.current() });
    setSending(false);
    if (res.ok) {
      request.settle();
      remote.replace(res.data);
      return;
    }
    const fields = res.error.fields ?? {};
    const field = (['stars', 'nps', 'comment'] as const).find((f) => fields[f]);
    setError({ field, message: (field && fields[field]) || res.error.message, cause: res.error });
    if (res.error.code === 'CONFLICT') void remote.refresh(); // rated meanwhile (another device): show it
  };

  return (
    <View className='k-page k-page--plain rating-page' id='rating-page'>
      <View className='k-card rating-intro'>
        <Text className='rating-intro__title'>{t('rating.heading')}</Text>
        <Text className='rating-intro__ticket'>
          {t('receipt.ticketNo')} <Text className='k-mono'>{view.ticketNo}</Text> · {view.subcategoryLabel}
        </Text>
      </View>
      <FormField id='stars' label={t('rating.starsLabel')} tag={t('form.required')} required error={error?.field === 'stars' ? error.message : undefined}>
        <StarRating value={stars} onChange={(n) => (setStars(n), clearError('stars'))} />
      </FormField>
      <FormField id='nps' label={t('rating.npsLabel')} tag={t('form.optional')} error={error?.field === 'nps' ? error.message : undefined}>
        <NpsScale value={nps} onChange={(n) => (setNps(n), clearError('nps'))} />
      </FormField>
      <FormField
        id='comment'
        label={t('rating.commentLabel')}
        tag={t('form.optional')}
        error={error?.field === 'comment' ? error.message : undefined}
        aside={
          <Text>
            {comment.trim().length}/{COMMENT_MAX}
          </Text>
        }
      >
        <Textarea
          id='rating-comment'
          className='rating-page__comment'
          value={comment}
          maxlength={COMMENT_MAX}
          autoHeight
          disableDefaultPadding
          placeholder={t('rating.commentPlaceholder')}
          aria-label={t('rating.commentLabel')}
          nativeProps={{ 'aria-label': t('rating.commentLabel') }}
          onInput={(e) => (setComment(e.detail.value), clearError('comment'))}
        />
      </FormField>
      {error && !error.field && (
        <View id='rating-error' className='rating-page__error' role='alert'>
          {error.message}
        </View>
      )}
      <ActionButton id='rating-submit' className='rating-page__submit' loading={sending} onClick={() => void submit()}>
        {t('rating.submit')}
      </ActionButton>
      <Text className='rating-page__note'>{t('rating.once')}</Text>
    </View>
  );
}
