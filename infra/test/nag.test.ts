import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { synthStack, testApp } from './support';

describe('cdk-nag (AwsSolutions, v3)', () => {
  it.each(['dev', 'staging', 'prod'])('%s has no unacknowledged finding, and every acknowledgement has a reason', (name) => {
    const app = testApp();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const { stack } = synthStack(name, undefined, app);
    // CDK's validation framework applies the acknowledgements: synth throws on any finding left.
    expect(() => app.synth()).not.toThrow();
    const acknowledged = new Map<string, string>();
    for (const c of stack.node.findAll()) {
      for (const m of c.node.metadata.filter((x) => x.type === 'aws:cdk:acknowledged-rules')) {
        for (const [id, reason] of Object.entries(m.data as Record<string, string>))
          acknowledged.set(id.replace(/^AwsSolutions::/, ''), reason);
      }
    }
    const findings = new AwsSolutionsChecks(app).validateScope(app).violations.map((v) => v.ruleName);
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(acknowledged.has(finding)).toBe(true);
      expect(acknowledged.get(finding)?.length ?? 0).toBeGreaterThan(40);
    }
  });
});
