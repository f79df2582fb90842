import { useEffect, useState } from 'preact/hooks';
import { currentRoute, interceptLinks, onRouteChange } from './lib/router';

export function App() {
  const [route, setRoute] = useState(currentRoute());
  useEffect(() => onRouteChange(() => setRoute(currentRoute())), []);
  useEffect(() => interceptLinks(document.body), []);
  return (
    <main id="main">
      <h1>Village</h1>
      <p>{route.name}</p>
    </main>
  );
}
