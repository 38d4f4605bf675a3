package org.engram.learning.continual;

/**
 * How the tasks of a sequence relate to the network's outputs (van de Ven and Tolias 2019).
 */
public enum Scenario {
    /** The task identity is given at test time; each task may use its own output head. */
    TASK_INCREMENTAL,
    /** The same output units serve every task; the input distribution changes. */
    DOMAIN_INCREMENTAL,
    /** New classes arrive with each task and the network must tell all classes seen so far apart. */
    CLASS_INCREMENTAL
}
