import type { PbxEvent } from '../events';
import type { PbxModel } from '../model';
import { Draft } from '../reducer';

/** The model with one event applied, its calls not yet regrouped; `model` itself when nothing changed. */
export function applyEvent(model: PbxModel, event: PbxEvent, now: number): PbxModel {
  const draft = new Draft(model, now);
  return draft.apply(event) ? draft.finish() : model;
}
