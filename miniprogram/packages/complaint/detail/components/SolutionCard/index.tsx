import type { SolutionView } from '@shared/api/functions/complaint';
import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { ActionButton } from '../../../../../components/ActionButton';
import { useI18n, type MessageKey } from '../../../../../i18n';
import { dueWhen, shortDateTime, yuan } from '../../../../../i18n/format';
import './index.scss';

export interface SolutionCardProps {
  solution: SolutionView;
  canRespond: boolean;
  serverNow: number;
  /** Which answer is on its way, if any. */
  sending?: 'accept' | 'reject';
  /** A message for the reason field (client check or the server's `fields.comment`). */
  reasonError?: string;
  /** A general failure of the last answer. */
  error?: string;
  onAccept: () => void;
  onReject: (reason: string) => void;
}

const REASON_MAX = 300;

/**
 * The proposed solution and its compensation, with 接受 / 不接受 and what each leads to. 不接受 asks
 * for the reason first (the server requires one too); the typed reason stays if sending fails.
 */
export function SolutionCard(props: SolutionCardProps) {
  const { solution, canRespond, serverNow, sending, reasonError, error, onAccept, onReject } = props;
  const { t } = useI18n();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const busy = !!sending;
  const comp = solution.compensation;
  const compKind = comp ? t(`compensation.${comp.type}` as MessageKey) : '';

  return (
    <View className={`k-card k-solution${canRespond ? ' k-solution--open' : ''}`} id='solution-card' aria-label={t('solution.title')}>
      <View className='k-solution__head'>
        <Text className='k-section-title k-solution__title'>{t('solution.title')}</Text>
        <Text className={`k-solution__state k-solution__state--${solution.state}`}>{t(`solution.state.${solution.state}` as MessageKey)}</Text>
      </View>
      <Text id='solution-text' className='k-solution__text'>
        {solution.text}
      </Text>
      {comp && (
        <View className='k-solution__comp' id='solution-compensation'>
          <View className='k-solution__comp-main'>
            {/* The summary usually says the kind already (“¥10 优惠券”). */}
            {!comp.summary.includes(compKind) && <Text className='k-solution__comp-kind'>{compKind}</Text>}
            <Text className='k-solution__comp-summary'>{comp.summary}</Text>
          </View>
          <View className='k-solution__comp-side'>
            {comp.valueFen > 0 && <Text className='k-solution__comp-value'>{yuan(comp.valueFen)}</Text>}
            <Text className='k-solution__comp-status'>{comp.statusLabel}</Text>
          </View>
        </View>
      )}
      <Text className='k-solution__time'>{t('solution.proposedAt', { at: shortDateTime(t, solution.proposedAt, serverNow) })}</Text>

      {canRespond && (
        <View className='k-solution__respond'>
          <View className='k-solution__outcomes'>
            <View className='k-solution__outcome'>
              <Text className='k-solution__outcome-label k-solution__outcome-label--yes'>{t('solution.ifAccept')}</Text>
              <Text id='solution-if-accepted' className='k-solution__outcome-text'>
                {solution.ifAccepted}
              </Text>
            </View>
            <View className='k-solution__outcome'>
              <Text className='k-solution__outcome-label k-solution__outcome-label--no'>{t('solution.ifReject')}</Text>
              <Text id='solution-if-rejected' className='k-solution__outcome-text'>
                {solution.ifRejected}
              </Text>
            </View>
          </View>
          {solution.autoAcceptAt && <Text className='k-solution__auto'>{t('solution.autoAccept', { when: dueWhen(t, solution.autoAcceptAt, serverNow) })}</Text>}

          {rejecting && (
            <View className='k-solution__reason' id='field-reason'>
              <Text className='k-solution__reason-label'>
                {t('solution.reasonLabel')}
                <Text className='k-solution__required'>{t('form.required')}</Text>
              </Text>
              <Textarea
                id='reject-reason'
                className={`k-solution__reason-input${reasonError ? ' k-solution__reason-input--error' : ''}`}
                value={reason}
                maxlength={REASON_MAX}
                autoHeight
                disableDefaultPadding
                placeholder={t('solution.reasonPlaceholder')}
                aria-label={t('solution.reasonLabel')}
                nativeProps={{ 'aria-label': t('solution.reasonLabel') }}
                onInput={(e) => setReason(e.detail.value)}
              />
              {reasonError && (
                <View id='reject-reason-error' className='k-solution__error' role='alert'>
                  {reasonError}
                </View>
              )}
            </View>
          )}
          {error && (
            <View className='k-solution__error' role='alert'>
              {error}
            </View>
          )}
          <View className='k-solution__buttons'>
            {rejecting ? (
              <>
                <ActionButton id='solution-reject-cancel' className='k-solution__button' type='outline' disabled={busy} onClick={() => setRejecting(false)}>
                  {t('common.back')}
                </ActionButton>
                <ActionButton id='solution-reject-send' className='k-solution__button' loading={sending === 'reject'} disabled={busy} onClick={() => onReject(reason)}>
                  {t('solution.sendReject')}
                </ActionButton>
              </>
            ) : (
              <>
                <ActionButton id='solution-reject' className='k-solution__button' type='outline' disabled={busy} onClick={() => setRejecting(true)}>
                  {t('solution.reject')}
                </ActionButton>
                <ActionButton id='solution-accept' className='k-solution__button' loading={sending === 'accept'} disabled={busy} onClick={onAccept}>
                  {t('solution.accept')}
                </ActionButton>
              </>
            )}
          </View>
        </View>
      )}
    </View>
  );
}

export default SolutionCard;
