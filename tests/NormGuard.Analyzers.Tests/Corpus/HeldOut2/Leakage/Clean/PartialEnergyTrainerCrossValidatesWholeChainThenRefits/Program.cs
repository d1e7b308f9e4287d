// category: helper-fits-param-later-split
// boundary: file
// Verdict: clean. The same partial EnergyTrainer across two files, but Run cross-validates the whole chain (the
// Features() estimator from EnergyTrainer.Features.cs with the trainer appended) on the raw view, which refits the
// min-max scaling inside every fold; PrepareAll fits on all hours only afterwards, for the production model, which is
// the documented final refit after the evaluation.
using Microsoft.ML;
using Utilities.Forecasting;

var trainer = new EnergyTrainer(new MLContext(seed: 4));
ITransformer model = trainer.Run("building-hours.csv");
new MLContext().Model.Save(model, null, "energy-model.zip");
