/**
 * Handlers (for `v-on`) of a place a drag may end on. The browser refuses a drop wherever dragover
 * goes on unhandled, so the place takes one only while `accepts()` says so.
 */
export function useDropTarget(accepts: () => boolean, dropped: (event: DragEvent) => void) {
  return {
    dragover: (event: DragEvent) => {
      if (accepts()) event.preventDefault();
    },
    drop: (event: DragEvent) => {
      event.preventDefault();
      if (accepts()) dropped(event);
    },
  };
}
