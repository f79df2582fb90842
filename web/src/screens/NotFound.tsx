import { paths } from '../lib/router';

export function NotFound() {
  return (
    <div class="page page-narrow">
      <h1>Page not found</h1>
      <p>This address doesn’t lead anywhere in Village. It may be mistyped, or the page has moved.</p>
      <a class="btn btn-primary" href={paths.home()}>
        Go to your boards
      </a>
    </div>
  );
}
