import { defineFunction } from '../_server/define-function';
import { pingHandler } from '../_server/ping';
import { assign, claim, requestAssist } from './actions/assignment';
import { note, reply } from './actions/messages';
import { approve, proposeSolution, transition } from './actions/moves';
import { createOnBehalf } from './actions/on-behalf';
import { get, inbox, revealPhone } from './actions/read';
import { reclassify } from './actions/reclassify';
import { coldChain } from './actions/cold-chain';
import { mediaUrls, similarCases, suggestCompensationFor } from './actions/knowledge';
import { cancelSample, findSample, recordSampleReceipt, recordSampleResult, requestSample } from './actions/sample';
import { profile, setOnDuty, staffOptions } from './actions/staff';
import { ackIncident, closeIncident, incident, incidents } from './actions/incidents';
import { archiveCase, caseArchive, indexCases, unarchiveCase } from './actions/case-archive';

/** Staff actions on tickets (DESIGN.md "Cloud functions"). */
export const main = defineFunction('ticket', {
  ping: pingHandler('ticket'),
  inbox,
  get,
  revealPhone,
  claim,
  assign,
  requestAssist,
  note,
  reply,
  transition,
  proposeSolution,
  approve,
  reclassify,
  createOnBehalf,
  profile,
  setOnDuty,
  staffOptions,
  suggestCompensation: suggestCompensationFor,
  similarCases,
  mediaUrls,
  coldChain,
  incidents,
  incident,
  ackIncident,
  closeIncident,
  requestSample,
  cancelSample,
  recordSampleReceipt,
  recordSampleResult,
  findSample,
  archiveCase,
  unarchiveCase,
  caseArchive,
  indexCases,
});
