package org.engram.learning.continual;

/** The readout units a sample's loss runs over, as the learner masks them in each scenario. */
final class TrainedUnits {
    private TrainedUnits() {
    }

    /**
     * The units a sample of a task is trained against once some tasks have been seen: its task's head
     * (task-incremental), every class of the tasks seen (class-incremental), the one shared head
     * (domain-incremental).
     *
     * @param model     the model, whose tasks' heads and classes it reads
     * @param scenario  the scenario
     * @param task      the sample's task
     * @param tasksSeen the number of tasks seen so far, the current one included
     * @return the units, in increasing order (a new array)
     */
    static int[] of(ModelView model, Scenario scenario, int task, int tasksSeen) {
        return switch (scenario) {
            case TASK_INCREMENTAL -> model.headUnits(task);
            case CLASS_INCREMENTAL -> Lwf.earlierClasses(model, tasksSeen);
            case DOMAIN_INCREMENTAL -> model.headUnits(0);
        };
    }
}
