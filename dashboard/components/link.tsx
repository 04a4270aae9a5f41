import type { ComponentChildren } from 'preact';
import { onLinkClick } from '../router.ts';

interface Props {
  href: string;
  class?: string;
  id?: string;
  title?: string;
  'aria-label'?: string;
  'aria-current'?: 'page' | undefined;
  children?: ComponentChildren;
}

/** An <a> that routes in place on a plain click; still a real link for new tabs and bookmarks. */
export function Link({ children, ...rest }: Props) {
  return (
    <a {...rest} onClick={onLinkClick}>
      {children}
    </a>
  );
}
