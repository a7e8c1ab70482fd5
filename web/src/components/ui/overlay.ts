import { type RefObject, useEffect, useRef } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

let openOverlays = 0;

/**
 * What every modal surface needs: focus moves in (the first control, or the panel), Tab stays
 * inside, Escape closes, focus returns to the opener on close, and the page behind does not scroll.
 */
export function useModalBehaviour(open: boolean, panel: RefObject<HTMLElement | null>, onClose: () => void): void {
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    if (!open) return;
    const opener = document.activeElement as HTMLElement | null;
    const node = panel.current;
    const autofocus = node?.querySelector<HTMLElement>('[autofocus], [data-autofocus]');
    // The first control of the content, rather than the header's close button.
    const first =
      autofocus ??
      [...(node?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].find((element) => !element.dataset.overlayClose);
    (first ?? node)?.focus();
    openOverlays += 1;
    document.body.style.overflow = 'hidden';

    const onKeyDown = (event: KeyboardEvent) => {
      if (!node) return;
      if (event.key === 'Escape') {
        // Only the top-most overlay closes.
        if (node.contains(document.activeElement) || document.activeElement === document.body) {
          event.stopPropagation();
          closeRef.current();
        }
        return;
      }
      if (event.key !== 'Tab') return;
      const focusables = [...node.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
        (element) => element.offsetParent !== null,
      );
      if (focusables.length === 0) {
        event.preventDefault();
        return;
      }
      const firstElement = focusables[0]!;
      const lastElement = focusables[focusables.length - 1]!;
      if (event.shiftKey && (document.activeElement === firstElement || !node.contains(document.activeElement))) {
        event.preventDefault();
        lastElement.focus();
      } else if (!event.shiftKey && document.activeElement === lastElement) {
        event.preventDefault();
        firstElement.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      openOverlays -= 1;
      if (openOverlays === 0) document.body.style.overflow = '';
      opener?.focus?.();
    };
  }, [open, panel]);
}
