// memo() without preact/compat: a component that re-renders only when a prop changes (shallow).
import { Component, type ComponentChildren, type FunctionComponent } from 'preact';

export function shallowEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.is(a[k], b[k]));
}

export function memo<P extends object>(render: FunctionComponent<P>) {
  class Memo extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      return !shallowEqual(this.props as Record<string, unknown>, next as Record<string, unknown>);
    }
    override render(props: P): ComponentChildren {
      return render(props);
    }
  }
  (Memo as unknown as { displayName: string }).displayName = `memo(${render.name})`;
  return Memo as unknown as FunctionComponent<P>;
}
