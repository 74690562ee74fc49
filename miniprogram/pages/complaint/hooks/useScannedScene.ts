import type { Channel } from '@shared/complaint/model';
import { useEffect } from 'react';
import { call, newRequestId } from '../../../api';
import { useRemote } from '../../../hooks/useRemote';

/** The channel a scene stands for, from its prefix (`b=` package, `s=` store), before the server has answered. */
export function sceneChannel(scene: string): Channel | undefined {
  if (scene.startsWith('b=')) return 'qr_package';
  if (scene.startsWith('s=')) return 'qr_store';
  return undefined;
}

/** Resolves the scanned QR code (`complaint.resolveScene`) and counts the scan once it is on screen. */
export function useScannedScene(scene: string | undefined, epoch: number) {
  const remote = useRemote(() => call('complaint', 'resolveScene', { scene: scene ?? '' }), [scene, epoch], !!scene);
  const shown = remote.state.status === 'ok';

  // A fresh request id per showing; failures do not matter to the customer.
  useEffect(() => {
    if (shown && scene) void call('complaint', 'track', { event: 'scene_scan', ref: scene }, { requestId: newRequestId() });
  }, [shown, scene]);

  return remote;
}

export type ScannedRemote = ReturnType<typeof useScannedScene>;
