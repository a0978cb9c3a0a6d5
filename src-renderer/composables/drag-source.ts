import { useCallsStore, type DragPayload } from '../stores/calls';

const dragText = (payload: DragPayload): string =>
  payload.kind === 'call' ? payload.callId : payload.kind === 'parked' ? payload.slot : payload.callerId;

/** A drag from a call, a parked call or a queue caller: the calls store holds what is dragged until the drag ends. */
export function useDragSource() {
  const calls = useCallsStore();

  function start(payload: DragPayload, event: DragEvent): void {
    calls.dragging = payload;
    if (event.dataTransfer) {
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', dragText(payload));
    }
  }

  function end(): void {
    calls.dragging = undefined;
  }

  return { start, end };
}
