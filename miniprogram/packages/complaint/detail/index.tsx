import { complaint as contract } from '@shared/api/functions/complaint';
import { validate } from '@shared/api/validate';
import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../../api';
import { ErrorState } from '../../../components/ErrorState';
import { LangSwitch } from '../../../components/LangSwitch';
import { LoadingSkeleton } from '../../../components/LoadingSkeleton';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { complaintIdFrom, ratingUrl } from '../../../utils/routes';
import { useComplaint } from '../hooks/useComplaint';
import { useRequestId } from '../hooks/useRequestId';
import { ColdChainNote } from './components/ColdChainNote';
import { ComplaintFacts } from './components/ComplaintFacts';
import { HelpBar } from './components/HelpBar';
import { RatingSummary } from './components/RatingSummary';
import { SampleCard } from './components/SampleCard';
import { SolutionCard } from './components/SolutionCard';
import { Timeline } from './components/Timeline';
import { TicketHeader } from './components/TicketHeader';
import './index.scss';

/** Statuses where the complaint is in our hands, so 催一下 means something (the server decides; this only hides the button). */
const NUDGEABLE = ['submitted', 'assigned', 'investigating', 'escalated', 'compensating'];

/**
 * 投诉详情 (subpackage): where it stands and the next promise, the proposed solution with 接受 / 不接受,
 * the timeline, what was reported, 催一下 and the hotline, and the rating once resolved.
 */
export default function DetailPage() {
  const { params } = useRouter();
  const complaintId = complaintIdFrom(params);
  const { epoch } = useSession();
  const { t } = useI18n();
  const remote = useComplaint(complaintId, epoch);
  const { state, clock } = remote;
  const answer = useRequestId();
  const [sending, setSending] = useState<'accept' | 'reject'>();
  const [respondError, setRespondError] = useState<{ reason?: string; general?: string }>({});
  const [nudging, setNudging] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string }>();

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('detail.title') }).catch(() => undefined);
  }, [t]);

  usePullDownRefresh(async () => {
    await remote.refresh();
    Taro.stopPullDownRefresh();
  });
  // Back from the rating page: show the rating without a skeleton.
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current) void remote.refresh();
    shownOnce.current = true;
  });

  if (state.status === 'loading') return <LoadingSkeleton className='k-page k-page--plain' cards={3} lines={3} label={t('detail.loading')} />;
  if (state.status === 'error') {
    const missing = state.error.code === 'NOT_FOUND';
    return (
      <View className='k-page k-page--plain'>
        <ErrorState title={t(missing ? 'detail.notFound' : 'detail.error')} error={state.error} retryText={t('common.reload')} onRetry={missing ? undefined : () => void remote.reload()} />
      </View>
    );
  }

  const view = state.data;
  const serverNow = clock?.serverNow ?? Date.now();

  const respond = async (accept: boolean, reason?: string) => {
    if (sending) return;
    const input = { complaintId: view.complaintId, accept, ...(accept ? {} : { comment: reason ?? '' }) };
    if (!accept) {
      // The server's own rule and words: 不接受 needs a reason.
      const checked = validate(contract.respond.input, { ...input, comment: reason?.trim() || undefined });
      if (!checked.ok) return setRespondError({ reason: checked.error.fields?.comment ?? checked.error.message });
    }
    setSending(accept ? 'accept' : 'reject');
    setRespondError({});
    const res = await call('complaint', 'respond', input, { requestId: answer.current() });
    setSending(undefined);
    if (res.ok) {
      answer.settle();
      remote.replace(res.data);
      void Taro.showToast({ title: t(accept ? 'solution.accepted' : 'solution.rejected'), icon: 'none' });
      return;
    }
    setRespondError({ reason: res.error.fields?.comment, general: res.error.fields?.comment ? undefined : res.error.message });
    if (res.error.code === 'CONFLICT') void remote.refresh();
  };

  const nudge = async () => {
    if (nudging) return;
    setNudging(true);
    const res = await call('complaint', 'nudge', { complaintId: view.complaintId });
    setNudging(false);
    if (res.ok) {
      remote.replace(res.data);
      setNotice({ tone: 'ok', text: t('help.nudged') });
    } else {
      setNotice({ tone: 'error', text: res.error.message });
      if (res.error.code === 'RATE_LIMITED' || res.error.code === 'CONFLICT') void remote.refresh();
    }
  };

  return (
    <View className='k-page k-page--plain detail-page' id='detail-page'>
      <View className='detail-page__lang'>
        <LangSwitch tone='dark' />
      </View>
      <TicketHeader view={view} dueMs={clock?.dueMs} serverNow={serverNow} />
      {view.solution && (
        <SolutionCard
          solution={view.solution}
          canRespond={view.canRespond}
          serverNow={serverNow}
          sending={sending}
          reasonError={respondError.reason}
          error={respondError.general}
          onAccept={() => void respond(true)}
          onReject={(reason) => void respond(false, reason)}
        />
      )}
      <ColdChainNote summary={view.coldChainSummary} />
      <SampleCard view={view} onChanged={remote.replace} />
      <RatingSummary view={view} onRate={() => void Taro.navigateTo({ url: ratingUrl(view.complaintId) })} />
      <Timeline entries={view.timeline} serverNow={serverNow} />
      <ComplaintFacts view={view} />
      <HelpBar
        nudgeable={NUDGEABLE.includes(view.status)}
        canNudge={view.canNudge}
        nudgeAvailableAt={view.nudgeAvailableAt}
        serverNow={serverNow}
        nudging={nudging}
        notice={notice}
        onNudge={() => void nudge()}
      />
    </View>
  );
}
