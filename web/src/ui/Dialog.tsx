// A modal on the native <dialog> element: focus moves in and is kept there, Escape closes,
// focus returns to where it was. `sheet` fills a phone's screen and is a dialog on a desktop.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

let seq = 0;

export function Dialog(props: {
  title: ComponentChildren;
  onClose: () => void;
  children: ComponentChildren;
  sheet?: boolean;
  labelledBy?: string;
  /** Accessible name when it should differ from the visible title. */
  label?: string;
  headExtra?: ComponentChildren;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useRef(`dlg-${++seq}`).current;
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;

  useEffect(() => {
    const d = ref.current!;
    const previous = document.activeElement as HTMLElement | null;
    if (!d.open) d.showModal();
    const cancel = (e: Event) => {
      e.preventDefault();
      onClose.current();
    };
    d.addEventListener('cancel', cancel);
    return () => {
      d.removeEventListener('cancel', cancel);
      if (d.open) d.close();
      if (previous && document.contains(previous)) previous.focus();
    };
  }, []);

  const onBackdrop = (e: MouseEvent) => {
    if (e.target === ref.current) onClose.current();
  };

  return (
    <dialog ref={ref} class={props.sheet ? 'sheet' : 'dialog'} aria-labelledby={props.label ? undefined : props.labelledBy ?? titleId} aria-label={props.label} onClick={onBackdrop}>
      <div class="dialog-head">
        <h2 id={titleId}>{props.title}</h2>
        {props.headExtra}
        <button type="button" class="btn btn-quiet btn-icon" aria-label="Close" onClick={() => onClose.current()}>
          ✕
        </button>
      </div>
      <div class="dialog-body">{props.children}</div>
    </dialog>
  );
}
