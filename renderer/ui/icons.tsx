/**
 * Inline SVG icons: no icon font or image requests (the CSP allows only
 * 'self'), crisp at any zoom, coloured by `currentColor`. Always decorative
 * (`aria-hidden`): the text beside them carries the meaning.
 */
import type { ReactElement } from 'react';

interface IconProps {
  readonly className?: string;
}

function Svg({ className, children }: IconProps & { readonly children: ReactElement | ReactElement[] }): ReactElement {
  return (
    <svg className={className ? `icon ${className}` : 'icon'} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export function FolderIcon({ className }: IconProps): ReactElement {
  return (
    <Svg className={`icon-folder ${className ?? ''}`}>
      <path d="M1.5 3.5a1 1 0 0 1 1-1h3.6l1.5 1.5h5.9a1 1 0 0 1 1 1v7.5a1 1 0 0 1-1 1h-11a1 1 0 0 1-1-1z" fill="currentColor" />
    </Svg>
  );
}

export function FileIcon({ className }: IconProps): ReactElement {
  return (
    <Svg className={`icon-file ${className ?? ''}`}>
      <path d="M3.5 1.5h6l3 3v10h-9z" fill="none" stroke="currentColor" strokeWidth="1.2" strokeLinejoin="round" />
      <path d="M9.5 1.5v3h3" fill="none" stroke="currentColor" strokeWidth="1.2" strokeLinejoin="round" />
    </Svg>
  );
}

export function LinkIcon({ className }: IconProps): ReactElement {
  return (
    <Svg className={`icon-link ${className ?? ''}`}>
      <path d="M3.5 1.5h6l3 3v10h-9z" fill="none" stroke="currentColor" strokeWidth="1.2" strokeLinejoin="round" />
      <path d="M5.5 12.5c0-3 1.5-4.5 4.5-4.5M8.5 6.3 10.2 8l-1.7 1.7" fill="none" stroke="currentColor" strokeWidth="1.2" strokeLinecap="round" strokeLinejoin="round" />
    </Svg>
  );
}

export function UpIcon({ className }: IconProps): ReactElement {
  return (
    <Svg className={className}>
      <path d="M8 13V3M3.5 7.5 8 3l4.5 4.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </Svg>
  );
}

export function RefreshIcon({ className }: IconProps): ReactElement {
  return (
    <Svg className={className}>
      <path d="M13 8a5 5 0 1 1-1.5-3.5M13 2.5v3h-3" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </Svg>
  );
}

export function LockIcon({ className }: IconProps): ReactElement {
  return (
    <Svg className={className}>
      <rect x="3" y="7" width="10" height="7.5" rx="1.2" fill="currentColor" />
      <path d="M5.2 7V5a2.8 2.8 0 0 1 5.6 0v2" fill="none" stroke="currentColor" strokeWidth="1.5" />
    </Svg>
  );
}

export function WarningIcon({ className }: IconProps): ReactElement {
  return (
    <Svg className={className}>
      <path d="M8 1.8 15 14H1z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
      <path d="M8 6.2v3.6" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      <circle cx="8" cy="11.8" r="0.9" fill="currentColor" />
    </Svg>
  );
}

export function ChevronIcon({ className }: IconProps): ReactElement {
  return (
    <Svg className={className}>
      <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </Svg>
  );
}

export function ServerIcon({ className }: IconProps): ReactElement {
  return (
    <Svg className={`icon-server ${className ?? ''}`}>
      <rect x="2" y="2.5" width="12" height="4.5" rx="1" fill="none" stroke="currentColor" strokeWidth="1.2" />
      <rect x="2" y="9" width="12" height="4.5" rx="1" fill="none" stroke="currentColor" strokeWidth="1.2" />
      <circle cx="4.8" cy="4.75" r="0.9" fill="currentColor" />
      <circle cx="4.8" cy="11.25" r="0.9" fill="currentColor" />
    </Svg>
  );
}

export function BookmarkIcon({ className }: IconProps): ReactElement {
  return (
    <Svg className={className}>
      <path d="M4 1.8h8v12.4l-4-3-4 3z" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinejoin="round" />
    </Svg>
  );
}

export function TreeChevronIcon({ className }: IconProps): ReactElement {
  return (
    <Svg className={className}>
      <path d="M6 4l4 4-4 4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </Svg>
  );
}
