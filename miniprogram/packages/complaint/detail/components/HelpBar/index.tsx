import { Text, View } from '@tarojs/components';
import { ActionButton } from '../../../../../components/ActionButton';
import { useI18n } from '../../../../../i18n';
import { dueWhen } from '../../../../../i18n/format';
import { callHotline, HOTLINE } from '../../../../../utils/hotline';
import './index.scss';

export interface HelpBarProps {
  /** 催一下 makes sense for this status at all (open and in our hands). */
  nudgeable: boolean;
  canNudge: boolean;
  nudgeAvailableAt?: string;
  serverNow: number;
  nudging: boolean;
  /** The answer to the last 催一下 (sent, or why not). */
  notice?: { tone: 'ok' | 'error'; text: string };
  onNudge: () => void;
}

/** 催一下 (disabled, with the time, when it is too soon) and the 400 hotline. */
export function HelpBar({ nudgeable, canNudge, nudgeAvailableAt, serverNow, nudging, notice, onNudge }: HelpBarProps) {
  const { t } = useI18n();
  const later = !canNudge && nudgeAvailableAt ? dueWhen(t, nudgeAvailableAt, serverNow) : undefined;
  return (
    <View className='k-card k-help' id='detail-help'>
      {notice && (
        <View id='nudge-notice' className={`k-help__notice k-help__notice--${notice.tone}`} role='status'>
          {notice.text}
        </View>
      )}
      <View className='k-help__buttons'>
        {nudgeable && (
          <ActionButton
            id='detail-nudge'
            className='k-help__button'
            type='outline'
            loading={nudging}
            disabled={!canNudge}
            ariaLabel={later ? t('help.nudgeLaterAria', { when: later }) : t('help.nudgeAria')}
            onClick={onNudge}
          >
            {later ? t('help.nudgeLater', { when: later }) : t('help.nudge')}
          </ActionButton>
        )}
        <ActionButton id='detail-call' className='k-help__button' type={nudgeable ? 'outline' : 'primary'} ariaLabel={t('help.callAria', { phone: HOTLINE })} onClick={callHotline}>
          {t('help.call')}
        </ActionButton>
      </View>
      <Text className='k-help__hotline'>{t('help.hotline', { phone: HOTLINE })}</Text>
    </View>
  );
}

export default HelpBar;
