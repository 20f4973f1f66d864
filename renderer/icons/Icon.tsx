import { memo } from 'react';
import { iconFor, readableColor } from './index';

/** A catalog icon at `size` px. Brand icons are filled in their colour; glyphs are stroked in the current colour. */
export const Icon = memo(function Icon({ iconKey, size = 20, mono = false }: { iconKey: string | undefined; size?: number; mono?: boolean }) {
  const def = iconFor(iconKey);
  if (def.type === 'brand') {
    return (
      <svg className="icon icon-brand" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill={mono ? 'currentColor' : readableColor(def.color)}>
        <path d={def.path} />
      </svg>
    );
  }
  return (
    <svg
      className="icon icon-glyph"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      dangerouslySetInnerHTML={{ __html: def.body }}
    />
  );
});
