import { describe, expect, it } from 'vitest';
import { interopFiles } from '../../generators/interop';
import { emptyTopology } from '../../shared/model/types';
import { apiDesign, messagingDesign, pipelineDesign } from '../fixtures/interop-designs';

describe('interopFiles', () => {
  it('adds AsyncAPI only with a broker, OpenAPI only with gateway routes, draw.io always', () => {
    expect(interopFiles(messagingDesign()).map((f) => f.path)).toEqual(['asyncapi.yaml', 'diagram.drawio']);
    expect(interopFiles(apiDesign()).map((f) => f.path)).toEqual(['openapi.yaml', 'diagram.drawio']);
    expect(interopFiles(pipelineDesign()).map((f) => f.path)).toEqual(['asyncapi.yaml', 'openapi.yaml', 'diagram.drawio']);
    expect(interopFiles(emptyTopology()).map((f) => f.path)).toEqual(['diagram.drawio']);
  });

  it('is deterministic and never writes a secret', () => {
    const a = interopFiles(pipelineDesign());
    expect(interopFiles(structuredClone(pipelineDesign()))).toEqual(a);
    for (const f of a) expect(f.content).not.toMatch(/password|secret_key|BEGIN PRIVATE/i);
  });
});
