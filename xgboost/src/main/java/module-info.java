/**
 * Any xent loss in XGBoost4J: {@link dev.xent.xgboost.XentObjective} (a custom objective from a loss's
 * gradient and diagonal Hessian) and {@link dev.xent.xgboost.XentMetric} (a loss as an evaluation
 * metric). XGBoost4J itself is the user's (a provided dependency); losses are found by name.
 */
module dev.xent.xgboost {
    requires transitive dev.xent.core;
    requires transitive ml.dmlc.xgboost4j;

    exports dev.xent.xgboost;
}
