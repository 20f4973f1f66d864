import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Keeps a failure in one panel from blanking the app; the design itself lives in the store and is autosaved. */
export class ErrorBoundary extends Component<{ name: string; children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`${this.props.name} failed:`, error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="panel-crash" role="alert">
        <div className="panel-crash-title">The {this.props.name} ran into a problem.</div>
        <div className="panel-crash-text">Your design is safe: it is kept in memory and autosaved. {this.state.error.message}</div>
        <button type="button" className="btn btn-small" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
