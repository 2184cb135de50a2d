/**
 * The schema findings of one cluster, validated unit by unit (editor sessions lint after every keystroke):
 * the subjects of a unit whose objects are the same array as in the last run (the build cache hands back
 * what no edit reached) are kept with their per-object findings (`schema/invalid`, `schema/deprecated-api`);
 * the summary rule (`schema/unknown-kind`) runs over every subject again, its positions kept per subject.
 * The findings are those of `validate()` over all the units' objects at once.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ValidationSubject } from '../validate/context.js';
import { locateSubjectField, makeSubject } from '../validate/context.js';
import type { Location } from '../validate/position.js';
import type { CrdIndex } from '../validate/registry.js';
import { getField, type YamlMap } from '../yaml/values.js';
import type { LintObject } from './context.js';
import { objectRules } from './rules/index.js';
import { schemaUnknownKind } from './rules/schema/unknown-kind.js';
import { runRules, type RunRulesOptions } from './run.js';
import type { ObjectRuleContext } from './types.js';
import {
  crdIndexFor,
  objectRuleContext,
  problemOptionsFor,
  skippedKind,
  sortFindings,
  validatorFor,
  type ValidateOptions,
} from './validate.js';

/** The objects one unit renders, and its id (findings carry it as their `kustomization`). */
export interface UnitObjects {
  readonly id: string;
  readonly objects: readonly LintObject[];
}

/** What is kept of a unit: its subjects (validated against `crds`) and their findings by rule. */
interface KeptUnit {
  readonly id: string;
  readonly crds: CrdIndex;
  readonly subjects: readonly ValidationSubject[];
  readonly findings: Map<string, readonly Diagnostic[]>;
}

/** The CRDs a unit renders, and those of them it validates (their kind is not skipped). */
interface UnitCrds {
  readonly rendered: readonly YamlMap[];
  readonly validated: readonly YamlMap[];
}

/** Subjects get indexes unique across runs: `schema/unknown-kind` tells unlocated subjects apart by them. */
let nextIndex = 0;

/** Positions found for subjects (kept subjects are located once). */
const locations = new WeakMap<ValidationSubject, Map<string, Location | undefined>>();

const locateOnce: ObjectRuleContext['locate'] = (subject, pointer, anchor) => {
  let byPointer = locations.get(subject);
  if (!byPointer) locations.set(subject, (byPointer = new Map<string, Location | undefined>()));
  const key = `${anchor ?? ''}\u0000${pointer}`;
  if (byPointer.has(key)) return byPointer.get(key);
  const found = locateSubjectField(subject, pointer, anchor);
  byPointer.set(key, found);
  return found;
};

const sameItems = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Validates the units of one cluster, keeping what did not change between calls with the same options. */
export class UnitValidation {
  private optionsKey: string | undefined;
  private crdObjects: readonly unknown[] = [];
  private crds: CrdIndex | undefined;
  private units = new WeakMap<readonly LintObject[], KeptUnit>();
  private crdsOfUnit = new WeakMap<readonly LintObject[], UnitCrds>();

  /**
   * The findings of `validate()` over every unit's objects (each carrying its unit's id) with `options`,
   * whose `crds` are completed with the CRDs the units render when `renderedCrds`; `optionsKey` stands for
   * the options (kept results are dropped when it changes).
   */
  findings(
    units: readonly UnitObjects[],
    options: ValidateOptions,
    optionsKey: string,
    renderedCrds: boolean,
  ): Diagnostic[] {
    if (optionsKey !== this.optionsKey) {
      this.optionsKey = optionsKey;
      this.units = new WeakMap();
      this.crdsOfUnit = new WeakMap();
      this.crds = undefined;
    }
    const crds = this.crdIndex(units, options, renderedCrds);
    const kept = units.map((u) => this.unit(u, crds, options));
    const run: RunRulesOptions = { rules: options.rules, root: options.root, source: 'schema' };
    const validator = validatorFor(options);
    const out: Diagnostic[] = [];
    for (const rule of objectRules) {
      if (rule === schemaUnknownKind) {
        const all = kept.flatMap((k) => k.subjects);
        out.push(...runRules([rule], objectRuleContext(all, options, validator, locateOnce), run));
        continue;
      }
      for (const k of kept) {
        let found = k.findings.get(rule.meta.id);
        if (!found)
          k.findings.set(
            rule.meta.id,
            (found = runRules([rule], objectRuleContext(k.subjects, options, validator, locateOnce), run)),
          );
        out.push(...found);
      }
    }
    return sortFindings(out);
  }

  /**
   * The CRD index of the run, as `validate()` builds it: those of the options (completed with every CRD the
   * units render when `renderedCrds`), then those among the validated objects; kept while they are the same
   * objects.
   */
  private crdIndex(units: readonly UnitObjects[], options: ValidateOptions, renderedCrds: boolean): CrdIndex {
    const parts = units.map((u) => this.unitCrds(u.objects, options));
    const rendered = renderedCrds ? parts.flatMap((p) => p.rendered) : [];
    const validated = parts.flatMap((p) => p.validated);
    const all = [...(options.crds ?? []), '', ...rendered, '', ...validated];
    if (this.crds && sameItems(all, this.crdObjects)) return this.crds;
    this.crdObjects = all;
    return (this.crds = crdIndexFor({ ...options, crds: [...(options.crds ?? []), ...rendered] }, validated));
  }

  /** The CRDs a unit renders (by kind), and those of them it validates (not skipped). */
  private unitCrds(objects: readonly LintObject[], options: ValidateOptions): UnitCrds {
    let crds = this.crdsOfUnit.get(objects);
    if (crds) return crds;
    const skip = skippedKind(options.skipKinds);
    const rendered = objects.map((o) => o.object).filter((o) => getField(o, 'kind') === 'CustomResourceDefinition');
    crds = { rendered, validated: rendered.filter((o) => !skip(o)) };
    this.crdsOfUnit.set(objects, crds);
    return crds;
  }

  private unit(u: UnitObjects, crds: CrdIndex, options: ValidateOptions): KeptUnit {
    const kept = this.units.get(u.objects);
    if (kept?.id === u.id && kept.crds === crds) return kept;
    const validator = validatorFor(options);
    const skip = skippedKind(options.skipKinds);
    const problemOptions = problemOptionsFor(options);
    const subjects = u.objects
      .filter((o) => !skip(o.object))
      .map((o) => makeSubject(nextIndex++, o.object, o.origin, o.fieldOrigins, validator, crds, problemOptions, u.id));
    const made: KeptUnit = { id: u.id, crds, subjects, findings: new Map() };
    this.units.set(u.objects, made);
    return made;
  }
}

/** Per host cache and place (a cluster, the standalone builds): the validation and its last findings. */
interface Place {
  validation: UnitValidation;
  inputs?: readonly unknown[];
  findings?: readonly Diagnostic[];
}
const places = new WeakMap<object, Map<string, Place>>();

/**
 * The schema findings of the units of one place (a cluster's, or the standalone builds'), validated in one
 * run as {@link UnitValidation.findings} does; the last findings again while the units' objects, the
 * `crds` option and `optionsKey` are the same. `cache` is the host's (an editor session's build cache).
 */
export function placeSchemaFindings(
  cache: object,
  place: string,
  units: readonly UnitObjects[],
  options: ValidateOptions,
  optionsKey: string,
  renderedCrds: boolean,
): readonly Diagnostic[] {
  let byPlace = places.get(cache);
  if (!byPlace) places.set(cache, (byPlace = new Map<string, Place>()));
  let state = byPlace.get(place);
  if (!state) byPlace.set(place, (state = { validation: new UnitValidation() }));
  const inputs = [optionsKey, renderedCrds, ...(options.crds ?? []), '', ...units.flatMap((u) => [u.id, u.objects])];
  if (state.findings && state.inputs && sameItems(state.inputs, inputs)) return state.findings;
  state.inputs = inputs;
  return (state.findings = state.validation.findings(units, options, optionsKey, renderedCrds));
}
