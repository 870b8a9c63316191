/* A scale's answers in progress, kept across a reload of the page while the scale is open.
 *
 * An ES module of the participant page (app.js). The draft lives in this tab's sessionStorage,
 * with the room code, the activity, the item on screen, the answers given so far and the time of
 * the participant's last touch. It is wiped when the answers are sent, when the scale closes, and
 * after two minutes without a touch, so that the next person on a shared tablet never sees it.
 */

import { forgetSession, readSession, storeSession } from "./common.js";

const KEY = "fphkiosk.draft";
export const DRAFT_IDLE_MS = 120000;

export function saveDraft(code, activityId, draft) {
  storeSession(KEY, {
    code,
    activityId,
    step: draft.step,
    options: draft.options,
    review: draft.review,
    touched: draft.touched,
  });
}

export function forgetDraft() {
  forgetSession(KEY);
}

function validStep(step, count) {
  return step === "intro" || step === "review" || (Number.isInteger(step) && step >= 0 && step < count);
}

/** The stored draft of the open *activity* (a scale) of room *code*, if fresh and well formed. */
export function storedDraft(code, activity) {
  const stored = readSession(KEY);
  if (!stored || stored.code !== code || stored.activityId !== activity.id) return null;
  const count = activity.scale.items.length;
  const choices = activity.scale.options.length;
  const fresh = Number.isFinite(stored.touched) && Date.now() - stored.touched < DRAFT_IDLE_MS;
  const options = Array.isArray(stored.options) ? stored.options : [];
  const wellFormed =
    options.length === count &&
    options.every((o) => o === null || (Number.isInteger(o) && o >= 0 && o < choices)) &&
    validStep(stored.step, count);
  if (!fresh || !wellFormed) {
    forgetDraft();
    return null;
  }
  return { step: stored.step, options, review: !!stored.review, touched: stored.touched };
}
