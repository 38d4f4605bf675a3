package org.engram.learning.continual;

import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import org.engram.learning.io.Checkpointable;
import org.engram.learning.io.StateCodec;
import org.engram.simulator.EngramException;

/**
 * Several strategies run as one: every hook calls the members in list order. Made by
 * {@link Strategies#chain}, which documents the order to choose.
 */
final class Chain implements ContinualStrategy, Checkpointable {
    private static final String KIND = "chain";
    private static final int VERSION = 1;

    private final ContinualStrategy[] members;
    private final String name;

    Chain(List<ContinualStrategy> members) {
        this.members = members.toArray(new ContinualStrategy[0]);
        StringBuilder sb = new StringBuilder();
        for (ContinualStrategy s : this.members) {
            if (sb.length() > 0) {
                sb.append('+');
            }
            sb.append(s.name());
        }
        this.name = sb.toString();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean needsActivity() {
        for (ContinualStrategy s : members) {
            if (s.needsActivity()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Support supports(Scenario scenario) {
        return everyMember(s -> s.supports(scenario));
    }

    @Override
    public Support fits(int weightMatrices) {
        return everyMember(s -> s.fits(weightMatrices));
    }

    /** {@link Support#YES} if every member answers yes, else the first refusal, naming its member. */
    private Support everyMember(Function<ContinualStrategy, Support> question) {
        for (ContinualStrategy s : members) {
            Support answer = question.apply(s);
            if (!answer.supported()) {
                return Support.no(s.name() + ": " + answer.reason());
            }
        }
        return Support.YES;
    }

    @Override
    public void beforeTask(TaskContext task) {
        for (ContinualStrategy s : members) {
            s.beforeTask(task);
        }
    }

    @Override
    public void beforeBatch(BatchContext batch) {
        for (ContinualStrategy s : members) {
            s.beforeBatch(batch);
        }
    }

    @Override
    public void addPenaltyGradient(int layer, float[] weights, float[] grad) {
        for (ContinualStrategy s : members) {
            s.addPenaltyGradient(layer, weights, grad);
        }
    }

    @Override
    public void transformGradient(float[][] grad) {
        for (ContinualStrategy s : members) {
            s.transformGradient(grad);
        }
    }

    @Override
    public void transformUpdate(int layer, float[] update, LayerActivity act) {
        for (ContinualStrategy s : members) {
            s.transformUpdate(layer, update, act);
        }
    }

    @Override
    public void afterBatch(BatchContext batch) {
        for (ContinualStrategy s : members) {
            s.afterBatch(batch);
        }
    }

    @Override
    public void afterTask(TaskContext task) {
        for (ContinualStrategy s : members) {
            s.afterTask(task);
        }
    }

    /** Writes each member's name and, for checkpointable members, its state as a length-prefixed block. */
    @Override
    public void writeState(DataOutput out) throws IOException {
        StateCodec.writeHeader(out, KIND, VERSION);
        out.writeInt(members.length);
        for (ContinualStrategy s : members) {
            out.writeUTF(s.name());
            StateCodec.writeBytes(out, s instanceof Checkpointable c ? StrategyState.bytes(c, who(s)) : new byte[0]);
        }
    }

    /** Reads every member's block; if one is rejected, members already read get their old state back. */
    @Override
    public void readState(DataInput in) throws IOException {
        StateCodec.readHeader(in, KIND, VERSION);
        StateCodec.requireShape(name, "member count", members.length, in.readInt());
        byte[][] blocks = new byte[members.length][];
        for (int i = 0; i < members.length; i++) {
            String found = in.readUTF();
            if (!found.equals(members[i].name())) {
                throw new EngramException("strategy state", name + ".members[" + i + "]",
                        "'" + members[i].name() + "'", "'" + found + "'",
                        "the chain's members differ from the checkpoint's");
            }
            blocks[i] = StateCodec.readBytes(in);
        }
        byte[][] backup = new byte[members.length][];
        int done = 0;
        try {
            for (; done < members.length; done++) {
                if (members[done] instanceof Checkpointable c) {
                    backup[done] = StrategyState.bytes(c, who(members[done]));
                    StrategyState.restore(blocks[done], c, who(members[done]));
                }
            }
        } catch (RuntimeException e) {
            // The member that refused its block is as it was (Checkpointable's contract); those
            // before it take back the state they had. A restore that fails does not hide why.
            for (int i = 0; i < done; i++) {
                if (members[i] instanceof Checkpointable c) {
                    try {
                        c.readState(new DataInputStream(new ByteArrayInputStream(backup[i])));
                    } catch (IOException | RuntimeException restore) {
                        e.addSuppressed(restore);
                    }
                }
            }
            throw e;
        }
    }

    /** A member's name and class, and the chain's name, as messages about its code give them. */
    private String who(ContinualStrategy member) {
        return "strategy '" + member.name() + "' (" + member.getClass().getName() + ", of the chain '" + name + "')";
    }
}
