/**
 * Tracks a virtualised grid's scroll position and height, resets the scroll
 * when a new folder is shown and keeps the focused row in view, so keyboard
 * movement never leaves the active row off screen.
 */
import { useCallback, useLayoutEffect, useState, type RefObject, type UIEvent } from 'react';
import { HEADER_HEIGHT } from './columns.js';
import { pageSize, scrollToReveal } from './virtual-window.js';

export interface GridViewport {
  readonly scrollTop: number;
  readonly height: number;
  /** Rows a PageUp/PageDown moves. */
  readonly page: number;
  readonly onScroll: (event: UIEvent<HTMLElement>) => void;
}

export function useGridViewport(ref: RefObject<HTMLElement | null>, focusIndex: number, path: string): GridViewport {
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(0);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.scrollTop = 0;
    setScrollTop(0);
  }, [ref, path]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || focusIndex < 0) return;
    const next = scrollToReveal(focusIndex, el.scrollTop, el.clientHeight, HEADER_HEIGHT);
    if (next !== el.scrollTop) {
      el.scrollTop = next;
      setScrollTop(el.scrollTop);
    }
  }, [ref, focusIndex, path]);

  const onScroll = useCallback((event: UIEvent<HTMLElement>) => setScrollTop(event.currentTarget.scrollTop), []);

  return { scrollTop, height, page: pageSize(height, HEADER_HEIGHT), onScroll };
}
