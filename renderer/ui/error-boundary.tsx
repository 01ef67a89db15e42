/**
 * Keeps a failing window (a bug in the Site Manager, say) from blanking the
 * whole app: React unmounts everything above an uncaught render error, and
 * a file manager that vanishes mid-transfer is worse than a closed dialog.
 * Shows what failed and lets the user go on; `onReset` closes the window.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface ErrorBoundaryProps {
  /** Words for "what failed", e.g. "The Site Manager". */
  readonly what: string;
  readonly onReset: () => void;
  readonly children: ReactNode;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, { readonly error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.what} failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="window-failure">
        <p>{`${this.props.what} stopped because of an error: ${error.message}`}</p>
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            this.setState({ error: null });
            this.props.onReset();
          }}
        >
          Dismiss
        </button>
      </div>
    );
  }
}
