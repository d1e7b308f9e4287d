#!/usr/bin/python3
"""Generates a realistic ML.NET + NormGuard project of a few thousand methods, and optionally measures what
NormGuard's analyzers (NG0006 above all) cost in its build. Issue 12.

    /usr/bin/python3 make_ml_solution.py [OUT] --repo /work/main [--domains 30] [--modules 40] [--seed N]
                                         [--measure 5] [--modes server,cold] [--projects solution,diamonds]

OUT (default /tmp/normguard-mlsolution) receives a project that consumes NormGuard as a user's project does: the
package packed by `dotnet pack src/NormGuard -c Release` (REPO/artifacts/packages, the only source it may come
from, see nuget.config) restored into a private package folder (OUT/packages, emptied of NormGuard first, so the
build uses the package just packed), and Microsoft.ML 6.0.0 (the version in Directory.Packages.props). It holds:

- --domains ML domains (churn, demand, fraud, ...), each the way teams write training code: an ML.NET input row with
  [LoadColumn]s and a prediction class; a NormGuard [FeatureSet] record with its manifest (valid: the set binds with
  no diagnostic); a loader (LoadFromTextFile, async StreamReader reading, LoadFromEnumerable, GroupBy); splits
  (TrainTestSplit, Where on a day, Take/Skip, GroupBy folds, FilterRowsByColumn); pipeline factories that build on
  each other (Featurize -> Assemble -> Scaled -> Full, ReplaceMissingValues/OneHotEncoding/Concatenate/Normalize*
  and a trainer); a data-preparation class with fields (the scaler fitted on the training part, per fold); a trainer
  class (hold-out, CrossValidate, CrossValidationSplit, train/test files, a time backtest); a manifest job
  (CreateFitter/Add/Merge/ToManifest with FitProvenance); a scorer (Normalize/NormalizeBatch, PredictionEngine);
  an experiments class chaining all of it (helpers 3-5 calls deep); options parsing and a report.
  None of it leaks evaluation data on purpose: NG0006 should report nothing.
- --modules plain modules with no ML (billing, inventory, ...): an entity record, DTOs, a repository, validation,
  CSV formatting, a service and an API facade; each ML domain has one such module too (its accounts).
- Common/: shared string, money, CSV, date, retry, collection and config helpers.

--measure N builds it N times (after warm-up builds that are discarded) in each variant and mode and prints
medians and ranges, for the generated project and for REPO/samples/Diamonds (--projects). See docs/performance.md,
"Analyzer cost (issue 12)", for the variants, modes and what is read from each log.

Standard library only; the same files for the same --seed.
"""
import argparse
import hashlib
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_stress_project as stress  # noqa: E402  (manifest hashing, feature statistics, log parsing)
import ml_templates as t  # noqa: E402

ROOT = "Acme"
ML_VERSION = "6.0.0"

DOMAINS = ["Churn", "Demand", "Fraud", "Housing", "Energy", "Traffic", "Weather", "Airline", "Hotel", "Logistics",
           "Telecom", "Marketing", "Retention", "Supply", "Clinic", "Ads", "Credit", "Insurance", "Retail", "Pricing",
           "Sensor", "Turbine", "Fleet", "Crop", "Solar", "Water", "Payroll", "Support", "Returns", "Warehouse",
           "Subscription", "Loyalty", "Recruiting", "Rental", "Parking", "Grid", "Mining", "Shipping", "Dental",
           "Pharmacy", "Tuition", "Gaming", "Streaming", "Auction", "Courier", "Bakery", "Brewery", "Textile"]

MODULES = [("Billing", "Invoice", "EUR"), ("Inventory", "Item", "EUR"), ("Identity", "Member", "USD"),
           ("Notifications", "Channel", "USD"), ("Catalog", "Product", "EUR"), ("Scheduling", "Slot", "EUR"),
           ("Documents", "Document", "GBP"), ("Audit", "Entry", "EUR"), ("Payments", "Payment", "USD"),
           ("Tickets", "Ticket", "EUR"), ("Vendors", "Vendor", "GBP"), ("Contracts", "Contract", "EUR"),
           ("Assets", "Asset", "USD"), ("Training", "Course", "EUR"), ("Travel", "Trip", "CHF"),
           ("Facilities", "Room", "EUR"), ("Compliance", "Check", "EUR"), ("Legal", "Matter", "USD"),
           ("Procurement", "Order", "EUR"), ("Marketing", "Campaign", "USD"), ("Partners", "Partner", "EUR"),
           ("Fleet", "Vehicle", "EUR"), ("Helpdesk", "Request", "SEK"), ("Surveys", "Survey", "EUR"),
           ("Events", "Event", "USD"), ("Library", "Loan", "EUR"), ("Donations", "Donor", "USD"),
           ("Projects", "Project", "EUR"), ("Timesheets", "Timesheet", "EUR"), ("Expenses", "Expense", "GBP"),
           ("Licensing", "License", "USD"), ("Shipping", "Parcel", "EUR"), ("Warranty", "Claim", "EUR"),
           ("Forum", "Post", "EUR"), ("Wiki", "Page", "EUR"), ("Reviews", "Review", "JPY"),
           ("Coupons", "Coupon", "EUR"), ("Referrals", "Referral", "USD"), ("Kiosk", "Terminal", "EUR"),
           ("Badges", "Badge", "EUR"), ("Lockers", "Locker", "EUR"), ("Menus", "Dish", "EUR"),
           ("Pets", "Pet", "USD"), ("Gyms", "Visit", "EUR"), ("Garden", "Plot", "EUR"), ("Studio", "Booking", "EUR")]

ACCOUNTS = ["Account", "Customer", "Client", "Holder", "Subscriber", "Patient", "Owner", "Buyer", "Site", "Store"]

FEATURE_WORDS = ["Tenure", "Balance", "Income", "Age", "Score", "Distance", "Duration", "Weight", "Height", "Depth",
                 "Ratio", "Count", "Rate", "Margin", "Temperature", "Pressure", "Humidity", "Voltage", "Current",
                 "Torque", "Speed", "Load", "Vibration", "Latency", "Throughput", "Price", "Quantity", "Discount",
                 "Visits", "Clicks", "Returns", "Complaints", "Calls", "Minutes", "Usage", "Spend", "Delay", "Area",
                 "Rooms", "Capacity", "Occupancy", "Rainfall", "Sunshine", "Wind", "Stock", "Orders", "Refunds"]

# (kind of make_stress_project.make_feature, weight): float members only, as ML.NET loads floats
NUMERIC_KINDS = [("zscore", 5), ("minmax", 2), ("minmax_clip", 1), ("robust", 2), ("robust_1090", 1), ("maxabs", 1),
                 ("zscore_clip", 1)]

TASKS = {
    "regression": {"label": "float", "catalog": "Regression", "trainers": ["Sdca", "LbfgsPoissonRegression", "OnlineGradientDescent"],
                   "metrics": "RegressionMetrics", "score": "RSquared", "score2": "RootMeanSquaredError",
                   "prediction": "    public float Score { get; set; }"},
    "binary": {"label": "bool", "catalog": "BinaryClassification", "trainers": ["LbfgsLogisticRegression", "SdcaLogisticRegression"],
               "metrics": "CalibratedBinaryClassificationMetrics", "score": "AreaUnderRocCurve", "score2": "F1Score",
               "prediction": "    public bool PredictedLabel { get; set; }\n\n    public float Probability { get; set; }\n\n    public float Score { get; set; }"},
    "multiclass": {"label": "string", "catalog": "MulticlassClassification", "trainers": ["SdcaMaximumEntropy", "LbfgsMaximumEntropy"],
                   "metrics": "MulticlassClassificationMetrics", "score": "MacroAccuracy", "score2": "LogLoss",
                   "prediction": "    public float[] Score { get; set; } = System.Array.Empty<float>();"},
}

NORMALIZERS = ["NormalizeMeanVariance", "NormalizeMinMax", "NormalizeLogMeanVariance", "NormalizeRobustScaling",
               "NormalizeBinning"]

FEATURE_KINDS = ["record struct", "record", "class"]


def fill(template, **tokens):
    text = template
    for key in sorted(tokens, key=len, reverse=True):  # __d__ must not eat part of a longer token
        text = text.replace(f"__{key}__", str(tokens[key]))
    leftover = re.search(r"__[A-Za-z0-9]+__", text)
    if leftover:
        raise ValueError(f"token {leftover.group(0)} left in a template")
    return text


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def module_files(namespace, entity, currency):
    return fill(t.MODULE, NS=namespace, E=entity, CUR=currency, ROOT=ROOT)


def domain_files(index, name, rng):
    """The files of one ML domain: {relative path: text}, and its manifest's file name and text."""
    d = name.lower()
    ns = f"{ROOT}.{name}"
    task_name = ["regression", "binary", "multiclass"][index % 3]
    task = TASKS[task_name]
    seed = 1000 + index
    version = rng.randrange(1, 12)
    rows = rng.choice([12_000, 43_152, 250_000, 1_000_000])
    n_features = rng.randrange(5, 11)
    words = rng.sample(FEATURE_WORDS, n_features)
    kinds = [k for k, w in NUMERIC_KINDS for _ in range(w)]

    # the ML.NET row: the features, the day, the segment, the label
    columns, parse, complete = [], [], []
    for i, word in enumerate(words):
        columns.append(f"    [LoadColumn({i})] public float {word} {{ get; set; }}")
        parse.append(f"            {word} = float.Parse(f[{i}], CultureInfo.InvariantCulture),")
        complete.append(f"!float.IsNaN({word})")
    n = len(words)
    columns.append(f"    [LoadColumn({n})] public float Day {{ get; set; }}")
    columns.append(f"    [LoadColumn({n + 1})] public string Segment {{ get; set; }} = string.Empty;")
    default = " = string.Empty;" if task["label"] == "string" else ""
    columns.append(f"    [LoadColumn({n + 2})] public {task['label']} Label {{ get; set; }}{default}")
    parse.append(f"            Day = float.Parse(f[{n}], CultureInfo.InvariantCulture),")
    parse.append(f"            Segment = f[{n + 1}].Trim(),")
    label_parse = {"float": f"float.Parse(f[{n + 2}], CultureInfo.InvariantCulture)", "bool": f"f[{n + 2}].Trim() is \"1\" or \"true\"",
                   "string": f"f[{n + 2}].Trim()"}[task["label"]]
    parse.append(f"            Label = {label_parse},")
    complete.append("Segment.Length > 0")

    # the NormGuard record and its manifest: the same numeric columns plus the segment, one-hot
    members, froms, features = [], [], []
    for word in words:
        attrs, ctype, feature = stress.make_feature(rng.choice(kinds), word, rng, rows)
        members.append(f"    {attrs} public {ctype} {word} {{ get; init; }}")
        froms.append(f"        {word} = row.{word},")
        features.append(feature)
    attrs, _, feature = stress.make_feature("onehot_string", "Segment", rng, rows)
    members.append(f"    {attrs} public string? Segment {{ get; init; }}")
    froms.append("        Segment = row.Segment,")
    features.append(feature)
    manifest = {
        "format": "normguard.manifest/1", "featureSet": d, "version": version, "profile": "normguard", "dtype": "float32",
        "fit": {"split": "train", "rows": rows, "source": f"data/{d}/train.csv",
                "sourceSha256": hashlib.sha256(d.encode()).hexdigest(), "fittedAt": "2026-11-02T06:00:00Z", "tool": "normguard 0.1.0"},
        "features": features,
    }
    manifest["sha256"] = hashlib.sha256(stress.canonical_json(manifest).encode("utf-8")).hexdigest()

    featurize = (f'        ml.Transforms.ReplaceMissingValues(new[] {{ {", ".join(f"new InputOutputColumnPair(nameof(Model.{name}Row.{w}))" for w in words)} }})'
                 if index % 2 == 0 else
                 f'        ml.Transforms.IndicateMissingValues("{words[0]}Missing", nameof(Model.{name}Row.{words[0]}))\n'
                 f'            .Append(ml.Transforms.ReplaceMissingValues(nameof(Model.{name}Row.{words[0]})))')
    if task_name == "multiclass":
        featurize = '        ml.Transforms.Conversion.MapValueToKey("Label")\n            .Append(' + featurize.strip() + ")"
    tokens = dict(D=name, d=d, NS=ns, SEED=seed, VERSION=version, METRICS=task["metrics"], CATALOG=task["catalog"],
                  SCORE=task["score"], SCORE2=task["score2"])
    pipelines = fill(t.PIPELINES, NUMERIC=", ".join(f"nameof(Model.{name}Row.{w})" for w in words),
                     FEATURIZE=featurize, NORMALIZER=NORMALIZERS[index % len(NORMALIZERS)],
                     TRAINER=task["trainers"][index % len(task["trainers"])], **tokens)
    files = {
        f"{name}/Model/{name}Row.cs": fill(t.ROW, COLUMNS="\n\n".join(columns), NCOLS=n + 3, PARSE="\n".join(parse),
                                           COMPLETE="        " + " && ".join(complete), PREDICTION=task["prediction"], **tokens),
        f"{name}/Model/{name}Features.cs": fill(t.FEATURES, KIND=FEATURE_KINDS[index % len(FEATURE_KINDS)],
                                                MEMBERS="\n".join(members), FROM="\n".join(froms), **tokens),
        f"{name}/Data/{name}Loader.cs": fill(t.LOADER, **tokens),
        f"{name}/Data/{name}Splits.cs": fill(t.SPLITS, **tokens),
        f"{name}/Training/{name}Pipelines.cs": pipelines,
        f"{name}/Prep/{name}DataPrep.cs": fill(t.DATAPREP, **tokens),
        f"{name}/Training/{name}Trainer.cs": fill(t.TRAINER, **tokens),
        f"{name}/Training/{name}ManifestJob.cs": fill(t.MANIFEST_JOB, **tokens),
        f"{name}/Training/{name}Experiments.cs": fill(t.EXPERIMENTS, **tokens),
        f"{name}/Training/{name}Options.cs": fill(t.OPTIONS, **tokens),
        f"{name}/Serving/{name}Scorer.cs": fill(t.SCORER, **tokens),
        f"{name}/Reports/{name}Report.cs": fill(t.REPORT, **tokens),
        f"{name}/{ACCOUNTS[index % len(ACCOUNTS)]}s.cs": module_files(ns, ACCOUNTS[index % len(ACCOUNTS)], "EUR"),
    }
    return files, (f"{name}/{d}.normguard.json", stress.pretty(manifest) + "\n")


def csproj():
    return f'''<Project Sdk="Microsoft.NET.Sdk">
  <!-- Written by make_ml_solution.py: an ML.NET project that consumes the NormGuard package as users do. -->
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <LangVersion>latest</LangVersion>
    <IsPackable>false</IsPackable>
    <!-- A private package folder: the NormGuard package just packed, never an older 0.1.0 from the global cache. -->
    <RestorePackagesPath>$(MSBuildThisFileDirectory)packages</RestorePackagesPath>
    <DefaultItemExcludes>$(DefaultItemExcludes);packages/**;logs/**</DefaultItemExcludes>
  </PropertyGroup>

  <ItemGroup>
    <PackageReference Include="NormGuard" Version="$(NormGuardPackageVersion)" />
    <PackageReference Include="Microsoft.ML" Version="{ML_VERSION}" />
  </ItemGroup>

</Project>
'''


SILENCE_TARGETS = '''<Project>
  <!-- Written by make_ml_solution.py. Imported through -p:CustomAfterMicrosoftCommonTargets=<this file> together with
       -p:SilenceConfig=<a global analyzer config that sets rules to severity none>. The compiler does not run an
       analyzer all of whose rules are off, so the build runs without it: the baseline of the measurement. -->
  <ItemGroup Condition="'$(SilenceConfig)' != ''">
    <EditorConfigFiles Include="$(SilenceConfig)" />
  </ItemGroup>
</Project>
'''


def silence_config(rules):
    return "is_global = true\nglobal_level = 200\n" + "".join(f"dotnet_diagnostic.{rule}.severity = none\n" for rule in rules)


def nuget_config(package_dir):
    return f'''<?xml version="1.0" encoding="utf-8"?>
<!-- Written by make_ml_solution.py: NormGuard from the packed package only, everything else from nuget.org. -->
<configuration>
  <packageSources>
    <clear />
    <add key="normguard-local" value="{package_dir}" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="normguard-local">
      <package pattern="NormGuard" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
</configuration>
'''


def program(domains):
    cases = "\n".join(f'            "{d.lower()}" => await new {ROOT}.{d}.Training.{d}Experiments().RunAllAsync(path, cancellationToken),'
                      for d in domains)
    return f'''// Written by make_ml_solution.py: the nightly job's entry point.
using System;
using System.Threading;
using System.Threading.Tasks;

namespace {ROOT};

public static class Jobs
{{
    public static async Task<int> RunAsync(string domain, string path, CancellationToken cancellationToken)
    {{
        return domain switch
        {{
{cases}
            _ => throw new ArgumentException($"unknown domain '{{domain}}'", nameof(domain)),
        }};
    }}
}}
'''


METHOD = re.compile(r"^\s+(?:public|private|internal|protected)\s+(?:static\s+|async\s+|override\s+|readonly\s+)*"
                    r"(?!record\b|sealed\b|class\b|const\b|enum\b)[\w<>\[\](),.?\s]+?\s+(\w+)(?:<[^>]*>)?\s*\(", re.M)


def count_methods(text):
    """Methods and constructors declared with a body in C# source (declarations at class level, as written here)."""
    return len(METHOD.findall(text))


def generate(out, repo, n_domains, n_modules, seed):
    if n_domains > len(DOMAINS) or n_modules > len(MODULES):
        sys.exit(f"at most {len(DOMAINS)} domains and {len(MODULES)} modules")
    package_dir = os.path.join(repo, "artifacts", "packages")
    packages = sorted(p for p in os.listdir(package_dir) if re.fullmatch(r"NormGuard\.\d+\.\d+\.\d+\.nupkg", p)) if os.path.isdir(package_dir) else []
    if not packages:
        sys.exit(f"no NormGuard package in {package_dir}: run `dotnet pack src/NormGuard -c Release` in {repo} first")
    version = re.fullmatch(r"NormGuard\.(\d+\.\d+\.\d+)\.nupkg", packages[-1]).group(1)
    for sub in [d for d in DOMAINS] + ["Modules", "Common"]:
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    rng = random.Random(seed)
    counts = {"ml": 0, "plain": 0}
    files = {}
    for i, name in enumerate(DOMAINS[:n_domains]):
        domain, (manifest_path, manifest) = domain_files(i, name, rng)
        files.update(domain)
        files[manifest_path] = manifest
    for name, entity, currency in MODULES[:n_modules]:
        files[f"Modules/{name}/{entity}s.cs"] = module_files(f"{ROOT}.Modules.{name}", entity, currency)
    for name, text in t.COMMON.items():
        files[f"Common/{name}"] = fill(text, ROOT=ROOT)
    files["Jobs.cs"] = program(DOMAINS[:n_domains])
    for path, text in files.items():
        write(os.path.join(out, path), text)
        if path.endswith(".cs"):
            ml = any(f"/{part}/" in "/" + path for part in ("Data", "Prep", "Training", "Serving")) or path == "Jobs.cs"
            counts["ml" if ml else "plain"] += count_methods(text)
    write(os.path.join(out, "Acme.MlSolution.csproj"), csproj())
    write(os.path.join(out, "nuget.config"), nuget_config(package_dir))
    write(os.path.join(out, "silence-rules.targets"), SILENCE_TARGETS)
    for variant, rules in VARIANTS.items():
        if rules:
            write(os.path.join(out, f"silence-{variant}.globalconfig"), silence_config(rules))
    write(os.path.join(out, "Directory.Build.props"), f'''<Project>
  <!-- Written by make_ml_solution.py: keeps the repository's build settings out (this folder may lie inside it). -->
  <PropertyGroup>
    <NormGuardPackageVersion>{version}</NormGuardPackageVersion>
  </PropertyGroup>
</Project>
''')
    write(os.path.join(out, "Directory.Packages.props"), "<Project />\n")
    write(os.path.join(out, "Directory.Build.targets"), "<Project />\n")
    total = counts["ml"] + counts["plain"]
    print(f"wrote {out}: {n_domains} ML domains, {n_modules} plain modules, {sum(1 for p in files if p.endswith('.cs'))} C# files; "
          f"{total} methods and constructors by a source count ({counts['ml']} in loading/splitting/pipeline/prep/training/serving code, "
          f"{counts['plain']} elsewhere); NormGuard {version} from {package_dir}", file=sys.stderr)
    return version, counts


# ------------------------------------------------------------------------------------------------------
# restore: the package just packed, into the private package folder
# ------------------------------------------------------------------------------------------------------

def restore(out, repo, version):
    restored = os.path.join(out, "packages", "normguard")
    shutil.rmtree(restored, ignore_errors=True)
    subprocess.check_call(["dotnet", "restore", os.path.join(out, "Acme.MlSolution.csproj"), "-v:q", "--force"], stdout=sys.stderr)
    nupkg = os.path.join(repo, "artifacts", "packages", f"NormGuard.{version}.nupkg")
    with zipfile.ZipFile(nupkg) as z:
        packed = hashlib.sha256(z.read("analyzers/dotnet/cs/NormGuard.Generators.dll")).hexdigest()
    with open(os.path.join(restored, version, "analyzers", "dotnet", "cs", "NormGuard.Generators.dll"), "rb") as f:
        used = hashlib.sha256(f.read()).hexdigest()
    if packed != used:
        sys.exit(f"the restored NormGuard.Generators.dll ({used[:12]}) is not the packed one ({packed[:12]})")
    return packed


# ------------------------------------------------------------------------------------------------------
# measurement
# ------------------------------------------------------------------------------------------------------

VARIANTS = {
    "ng": [],                                                  # as a user builds it
    "no-ng0006": ["NG0006"],                                   # NG0006 off: the compiler skips the leakage analyzer
    "no-ng-analyzers": [f"NG{n:04d}" for n in range(1, 19)],   # every NormGuard rule off (the generator still runs)
}
# a variant's rules are switched off by OUT/silence-<variant>.globalconfig, which OUT/silence-rules.targets adds to any
# project it is imported into

MODES = {
    # a compiler server (VBCSCompiler) that has built the project before: a developer's repeated builds
    "server": ["-p:UseSharedCompilation=true"],
    # a new csc process per build, as this machine's environment (UseSharedCompilation=false) and CI builds do
    "cold": ["-p:UseSharedCompilation=false"],
}

_TARGET = re.compile(r"^\s*(\d+) ms\s+CoreCompile\s+\d+ calls", re.M)


def parse_build(text):
    report = stress.parse_report(text)
    items = report["items"]

    def find(section, needle):
        return sum(v for (s, k), v in items.items() if s == section and needle in k and "Version=" not in k)

    ng_analyzers = find("analyzer", "NormGuard.Generators.Analyzers.")
    core = _TARGET.search(text)
    return {
        "csc_ms": stress.csc_ms(text),
        "corecompile_ms": int(core.group(1)) if core else float("nan"),
        "analyzers_total_s": report["analyzer_total"],
        "generators_total_s": report["generator_total"],
        "ng_analyzers_s": ng_analyzers,
        "ng0006_s": find("analyzer", "LeakageAnalyzer"),
        "ng_generator_s": find("generator", "NormGuardGenerator"),
        "per_analyzer": {k: v for (s, k), v in items.items() if s == "analyzer" and "NormGuard.Generators.Analyzers." in k},
        "leakage_ran": any("LeakageAnalyzer" in k for (s, k) in items if s == "analyzer"),
        "diagnostics": stress.ng_diagnostics(text),
    }


def build(project, log, extra):
    cmd = ["dotnet", "build", project, "-c", "Release", "-p:ReportAnalyzer=true", "-v:detailed", "-clp:PerformanceSummary",
           "--no-restore", "--no-incremental", "-p:BuildProjectReferences=false", "-nodeReuse:false"] + extra
    before = os.times()
    server_before = stress.server_cpu()
    load = os.getloadavg()
    t0 = time.perf_counter()
    with open(log, "w", encoding="utf-8") as f:
        f.write("# " + " ".join(cmd) + "\n")
        f.flush()
        rc = subprocess.call(cmd, stdout=f, stderr=subprocess.STDOUT)
    wall = time.perf_counter() - t0
    after = os.times()
    load_after = os.getloadavg()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system) + max(0.0, stress.server_cpu() - server_before)
    with open(log, encoding="utf-8") as f:
        text = f.read()
    if rc != 0:
        sys.exit(f"build failed ({rc}); see {log}")
    entry = parse_build(text)
    entry.update(wall_s=wall, cpu_s=cpu, load_before=load[0], load_after=load_after[0], log=log)
    return entry


def measure(name, project, runs, modes, variants, logs, silence_targets):
    os.makedirs(logs, exist_ok=True)
    samples = {}
    servers_before = set(stress.servers())
    try:
        for mode in modes:
            warmup = 1 if mode == "cold" else 2
            for run in range(warmup + runs):
                for variant in variants:
                    log = os.path.join(logs, f"{name}-{mode}-{variant}-{run}.log")
                    silence = ([f"-p:CustomAfterMicrosoftCommonTargets={silence_targets}",
                                f"-p:SilenceConfig={os.path.join(os.path.dirname(silence_targets), f'silence-{variant}.globalconfig')}"]
                               if VARIANTS[variant] else [])
                    e = build(project, log, MODES[mode] + silence)
                    if variant == "ng" and not e["leakage_ran"]:
                        sys.exit(f"{log}: LeakageAnalyzer missing from the analyzer report")
                    if variant != "ng" and e["leakage_ran"] and e["ng0006_s"] > 0.0005:
                        print(f"note: {log}: LeakageAnalyzer still ran ({e['ng0006_s']:.3f} s) with NG0006 off", file=sys.stderr)
                    print(f"{name} {mode} {'warm-up' if run < warmup else 'run'} {run} {variant}: Csc {e['csc_ms']} ms, "
                          f"NormGuard analyzers {e['ng_analyzers_s']:.3f} s (NG0006 {e['ng0006_s']:.3f} s), generator {e['ng_generator_s']:.3f} s, "
                          f"all analyzers {e['analyzers_total_s']:.3f} s, CPU {e['cpu_s']:.1f} s, wall {e['wall_s']:.1f} s, "
                          f"load {e['load_before']:.2f} -> {e['load_after']:.2f}, NG diagnostics {e['diagnostics'] or 'none'}", file=sys.stderr)
                    if run >= warmup:
                        samples.setdefault((mode, variant), []).append(e)
    finally:
        for pid in set(stress.servers()) - servers_before:  # the compiler server these builds started, by its pid
            try:
                os.kill(pid, 15)
            except OSError:
                pass
    return samples


def stat(values):
    return statistics.median(values), min(values), max(values)


def fmt(values, scale=1.0, digits=0, unit=""):
    m, lo, hi = stat([v * scale for v in values])
    return f"{m:.{digits}f}{unit} ({lo:.{digits}f}–{hi:.{digits}f})"


def table(name, samples, modes):
    lines = [f"### {name}", ""]
    for mode in modes:
        ng = samples.get((mode, "ng"))
        if not ng:
            continue
        n = len(ng)
        lines += [f"**{mode}**: {n} builds per variant; median (min–max)", "",
                  "| with NormGuard as shipped | value |", "| --- | ---: |"]
        lines.append(f"| Csc task, ms | {fmt([e['csc_ms'] for e in ng])} |")
        lines.append(f"| CoreCompile target, ms | {fmt([e['corecompile_ms'] for e in ng])} |")
        lines.append(f"| all analyzers (compiler's total, SDK's included), ms | {fmt([e['analyzers_total_s'] for e in ng], 1000)} |")
        lines.append(f"| NormGuard's analyzers, ms | {fmt([e['ng_analyzers_s'] for e in ng], 1000)} |")
        lines.append(f"| NG0006 `LeakageAnalyzer`, ms | {fmt([e['ng0006_s'] for e in ng], 1000)} |")
        lines.append(f"| NormGuard generator, ms | {fmt([e['ng_generator_s'] for e in ng], 1000)} |")
        lines.append(f"| **NormGuard's analyzers ÷ Csc** | **{fmt([e['ng_analyzers_s'] * 1000 / e['csc_ms'] for e in ng], 100, 1, ' %')}** |")
        lines.append(f"| **NG0006 ÷ Csc** | **{fmt([e['ng0006_s'] * 1000 / e['csc_ms'] for e in ng], 100, 1, ' %')}** |")
        lines.append(f"| NormGuard generator ÷ Csc | {fmt([e['ng_generator_s'] * 1000 / e['csc_ms'] for e in ng], 100, 1, ' %')} |")
        lines.append(f"| **NG0006 ÷ build CPU** (its callback time against the whole build's CPU time) | **{fmt([e['ng0006_s'] / e['cpu_s'] for e in ng], 100, 1, ' %')}** |")
        lines.append(f"| build CPU (user + sys, with the compiler server's), s | {fmt([e['cpu_s'] for e in ng], 1, 1)} |")
        lines.append(f"| load average (1 min) before / after each build | {fmt([e['load_before'] for e in ng], 1, 2)} / {fmt([e['load_after'] for e in ng], 1, 2)} |")
        lines.append(f"| NormGuard diagnostics | {', '.join(sorted({d for e in ng for d in e['diagnostics']})) or 'none'} |")
        for variant in ("no-ng0006", "no-ng-analyzers"):
            other = samples.get((mode, variant))
            if not other:
                continue
            what = "NG0006 off" if variant == "no-ng0006" else "all NormGuard rules off"
            csc = [e["csc_ms"] for e in other]
            cpu = [e["cpu_s"] for e in other]
            lines.append(f"| {what}: Csc, ms | {fmt(csc)} |")
            lines.append(f"| {what}: build CPU, s | {fmt(cpu, 1, 1)} |")
            lines.append(f"| Csc with − with {what} (medians), ms; ÷ Csc with {what} | "
                         f"{statistics.median([e['csc_ms'] for e in ng]) - statistics.median(csc):.0f}; "
                         f"{(statistics.median([e['csc_ms'] for e in ng]) / statistics.median(csc) - 1) * 100:.1f} % |")
            lines.append(f"| CPU with − with {what} (medians), s | {statistics.median([e['cpu_s'] for e in ng]) - statistics.median(cpu):.1f} |")
        per = {}
        for e in ng:
            for k, v in e["per_analyzer"].items():
                per.setdefault(k, []).append(v)
        lines += ["", "| NormGuard analyzer | ms, median (min–max) |", "| --- | ---: |"]
        for k in sorted(per, key=lambda k: -statistics.median(per[k])):
            lines.append(f"| {k.replace('NormGuard.Generators.Analyzers.', '')} | {fmt(per[k], 1000)} |")
        lines.append("")
        lines.append("| run | Csc ms | NormGuard analyzers ms | NG0006 ms | NG0006 ÷ Csc | load before → after |")
        lines.append("| ---: | ---: | ---: | ---: | ---: | --- |")
        for i, e in enumerate(ng, 1):
            lines.append(f"| {i} | {e['csc_ms']} | {e['ng_analyzers_s'] * 1000:.0f} | {e['ng0006_s'] * 1000:.0f} | "
                         f"{e['ng0006_s'] * 1000 / e['csc_ms'] * 100:.1f} % | {e['load_before']:.2f} → {e['load_after']:.2f} |")
        lines.append("")
    return "\n".join(lines)


def prepare_diamonds(repo):
    project = os.path.join(repo, "samples", "Diamonds", "Diamonds.csproj")
    # the referenced NormGuard projects once; the measured builds then compile only the sample
    subprocess.check_call(["dotnet", "build", project, "-c", "Release", "-v:q", "-nodeReuse:false"], stdout=sys.stderr)
    return project


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", default="/tmp/normguard-mlsolution")
    ap.add_argument("--repo", required=True, help="absolute path of the NormGuard repository, with artifacts/packages packed")
    ap.add_argument("--domains", type=int, default=30)
    ap.add_argument("--modules", type=int, default=40)
    ap.add_argument("--seed", type=int, default=20261206)
    ap.add_argument("--measure", type=int, default=0, metavar="N")
    ap.add_argument("--modes", default="server,cold")
    ap.add_argument("--variants", default="ng,no-ng0006,no-ng-analyzers")
    ap.add_argument("--projects", default="solution,diamonds", help="what --measure builds: solution (the generated project), diamonds (REPO/samples/Diamonds)")
    ap.add_argument("--no-generate", action="store_true", help="measure the project already in OUT")
    args = ap.parse_args(argv)
    repo = os.path.abspath(args.repo)
    out = os.path.abspath(args.out)
    modes = [m for m in args.modes.split(",") if m]
    variants = [v for v in args.variants.split(",") if v]
    if any(m not in MODES for m in modes) or any(v not in VARIANTS for v in variants):
        sys.exit(f"--modes: {', '.join(MODES)}; --variants: {', '.join(VARIANTS)}")
    if not args.no_generate:
        version, _ = generate(out, repo, args.domains, args.modules, args.seed)
    else:
        with open(os.path.join(out, "Directory.Build.props"), encoding="utf-8") as f:
            version = re.search(r"<NormGuardPackageVersion>(.*?)<", f.read()).group(1)
    analyzer_sha = restore(out, repo, version)
    project = os.path.join(out, "Acme.MlSolution.csproj")
    print(f"NormGuard.Generators.dll sha256 {analyzer_sha}", file=sys.stderr)
    if not args.measure:
        return
    silence = os.path.join(out, "silence-rules.targets")
    results = []
    projects = [p for p in args.projects.split(",") if p]
    if "solution" in projects:
        # one plain build first: obj/ in place, so that the measured builds differ only in what they are asked
        subprocess.check_call(["dotnet", "build", project, "-c", "Release", "-v:q", "--no-restore", "-nodeReuse:false"], stdout=sys.stderr)
    if "diamonds" in projects:
        results.append(table("samples/Diamonds", measure("diamonds", prepare_diamonds(repo), args.measure, modes, variants, os.path.join(out, "logs"), silence), modes))
    if "solution" in projects:
        results.append(table(f"generated project ({args.domains} ML domains, {args.modules} plain modules)",
                             measure("mlsolution", project, args.measure, modes, variants, os.path.join(out, "logs"), silence), modes))
    print("\n".join(results))


if __name__ == "__main__":
    main()
