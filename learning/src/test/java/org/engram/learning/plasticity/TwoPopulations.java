package org.engram.learning.plasticity;

import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.engram.simulator.network.Projection;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.connect.ConnectContext;
import org.engram.simulator.network.connect.Connectivity;
import org.engram.simulator.network.connect.SynapseSink;

/** A network of two populations joined all-to-all by one plastic projection, for driving rules by hand. */
final class TwoPopulations {
    final Population<?, ?> pre;
    final Population<?, ?> post;
    final Projection projection;
    final Network network;

    TwoPopulations(int nPre, int nPost, double weight) {
        this(nPre, nPost, weight, Receptor.EXCITATORY);
    }

    /** Joined through the receptor given; an inhibitory weight is {@code <= 0}. */
    TwoPopulations(int nPre, int nPost, double weight, Receptor receptor) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(1);
        pre = b.population("pre", nPre, LifDelta.MODEL, LifDelta.MODEL.defaults());
        post = b.population("post", nPost, LifDelta.MODEL, LifDelta.MODEL.defaults());
        b.connect("pre->post", pre, post, new Connectivity() {
            @Override
            public void generate(ConnectContext context, SynapseSink sink) {
                for (int s = 0; s < context.sourceSize(); s++) {
                    for (int t = 0; t < context.targetSize(); t++) {
                        sink.add(s, t);
                    }
                }
            }

            @Override
            public String describe() {
                return "all_to_all";
            }
        }, (receptor == Receptor.INHIBITORY ? Synapses.inhibitory(weight) : Synapses.excitatory(weight)).asPlastic());
        network = b.build();
        projection = network.projections().get(0);
    }

    float weight(int source, int target) {
        return projection.weights()[source * post.size() + target];
    }
}
