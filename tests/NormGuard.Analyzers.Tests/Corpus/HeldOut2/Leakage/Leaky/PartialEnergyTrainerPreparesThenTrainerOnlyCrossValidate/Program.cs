// category: helper-fits-param-later-split
// boundary: file
// Verdict: leaky. EnergyTrainer is a partial class: EnergyTrainer.Features.cs holds PrepareAll, which fits the min-max
// feature chain on the view it gets and returns the transformed view with the fitted chain; EnergyTrainer.cs calls it on
// every building hour and then cross-validates only the Sdca trainer on the prepared view. Each fold's test hours set
// the minima and maxima their features were scaled with. Cross-validate the whole chain on the raw view.
using Microsoft.ML;
using Utilities.Forecasting;

var trainer = new EnergyTrainer(new MLContext(seed: 4));
ITransformer model = trainer.Run("building-hours.csv");
new MLContext().Model.Save(model, null, "energy-model.zip");
