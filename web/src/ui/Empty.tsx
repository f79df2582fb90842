// An empty state: what this place is for, and the one button that starts it.
import type { ComponentChildren } from 'preact';

export function Empty(props: { title: string; children: ComponentChildren; action?: ComponentChildren; headingLevel?: 2 | 3 }) {
  const H = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <div class="empty">
      <H>{props.title}</H>
      <p>{props.children}</p>
      {props.action}
    </div>
  );
}
