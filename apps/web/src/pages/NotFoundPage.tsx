import { Link } from 'react-router';
import { useStaticPageReady } from '../components/Await';

export function NotFoundPage() {
  useStaticPageReady();
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is no such page in the workspace. <Link to="/app/portfolio">Go to the portfolio</Link>.
      </p>
    </>
  );
}
