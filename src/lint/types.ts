/**
 * The rule-module contract shared by schema rules and lint rules (typescript-eslint's shape): a rule is a
 * module with `meta` (id, description, default severity, message templates, docs page) and a `check`
 * that reports findings through a typed reporter. A rule's id is also its diagnostic code and names its
 * doc page, `docs/rules/<id>.md`, which has a failing and a passing example.
 */
import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { Severity } from '../diagnostics/diagnostic.js';
import type { ValidationSubject } from '../validate/context.js';
import type { Location } from '../validate/position.js';
import type { ProblemAnchor } from '../validate/problems.js';

/** How a rule is configured: `off`, or the severity its findings get. */
export type RuleSetting = 'off' | Severity;

/** What a rule is (the docs, presets and the CLI's `--rule` read this). */
export interface RuleMeta<MessageId extends string = string, Id extends string = string> {
  /** `schema/invalid`, `flux/prune-disabled`, ...: the diagnostic code and the doc page `docs/rules/<id>.md`. */
  readonly id: Id;
  /** One sentence: when the rule fires. */
  readonly description: string;
  /** Severity of its findings unless configured otherwise. */
  readonly defaultSeverity: Severity;
  /** Part of the recommended preset (on by default). */
  readonly recommended: boolean;
  /** Message templates by message id; `{{name}}` is replaced by the report's `data.name`. */
  readonly messages: Readonly<Record<MessageId, string>>;
  /** The doc page, relative to the repository root. */
  readonly docs: string;
  /**
   * Engine diagnostics (by code) whose facts this rule judges: `flux/render-failed` and `flux/render-warning`
   * report every other error and warning of the renderer.
   */
  readonly judges?: readonly DiagnosticCode[];
}

/** One finding as a rule reports it. */
export interface RuleReport<MessageId extends string = string> {
  readonly messageId: MessageId;
  readonly data?: Readonly<Record<string, string | number>>;
  /** Where it is: file, range and related locations (see `validate/position.ts` for objects). */
  readonly location?: Location | undefined;
  /** JSON pointer of the field concerned, inside the object concerned. */
  readonly path?: string;
  /** The Flux Kustomization (`namespace/name`) or kustomization directory the finding concerns. */
  readonly kustomization?: string | undefined;
  /** The cluster (folder relative to the lint root) the finding was made in. */
  readonly cluster?: string | undefined;
  /** How many objects the finding stands for, when it sums up several. */
  readonly count?: number | undefined;
}

/** The function a rule reports through. */
export type Reporter<MessageId extends string = string> = (report: RuleReport<MessageId>) => void;

/**
 * A rule: `meta` plus `check(context, report)`. `Context` is what the rule looks at (the validated objects
 * for schema rules; the rendered fleet and its dependency graph for Flux rules).
 */
export interface RuleModule<Context, MessageId extends string = string, Id extends string = string> {
  readonly meta: RuleMeta<MessageId, Id>;
  check(context: Context, report: Reporter<MessageId>): void;
}

/** The message ids of a rule module, e.g. `MessageIdsOf<typeof schemaInvalid>`. */
export type MessageIdsOf<R> = R extends RuleModule<unknown, infer M> ? M : never;

/** The context of rules over objects (the schema rules). */
export interface ObjectRuleContext {
  readonly subjects: readonly ValidationSubject[];
  /** Kubernetes version deprecations are judged against (`1.36`). */
  readonly kubernetesVersion: string;
  /** Whether unknown fields are flagged. */
  readonly strict: boolean;
  /** Source location of a field of an object (`anchor`: its value, its key, or its parent's key). */
  locate(subject: ValidationSubject, pointer: string, anchor?: ProblemAnchor): Location | undefined;
}

/** A rule over objects. */
export type ObjectRule<MessageId extends string = string, Id extends string = string> = RuleModule<
  ObjectRuleContext,
  MessageId,
  Id
>;
