package eu.pveportal.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.bg.BulgarianAnalyzer;
import org.apache.lucene.analysis.cz.CzechAnalyzer;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.el.GreekAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.et.EstonianAnalyzer;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.ga.IrishAnalyzer;
import org.apache.lucene.analysis.hu.HungarianAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.lt.LithuanianAnalyzer;
import org.apache.lucene.analysis.lv.LatvianAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ro.RomanianAnalyzer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;

/**
 * The language analyzers of Elasticsearch's analysis-common module for the portal's practice
 * languages, by the same names and built from the same Lucene classes with their default stop
 * words, for distributions that lack that module (the integ-test-zip used in development and CI).
 */
public final class LanguageAnalyzers {
    private LanguageAnalyzers() {}

    @NamedComponent("english")
    public static final class English implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new EnglishAnalyzer();
        }
    }

    @NamedComponent("french")
    public static final class French implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new FrenchAnalyzer();
        }
    }

    @NamedComponent("german")
    public static final class German implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new GermanAnalyzer();
        }
    }

    @NamedComponent("norwegian")
    public static final class Norwegian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new NorwegianAnalyzer();
        }
    }

    @NamedComponent("dutch")
    public static final class Dutch implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new DutchAnalyzer();
        }
    }

    @NamedComponent("danish")
    public static final class Danish implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new DanishAnalyzer();
        }
    }

    @NamedComponent("swedish")
    public static final class Swedish implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new SwedishAnalyzer();
        }
    }

    @NamedComponent("finnish")
    public static final class Finnish implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new FinnishAnalyzer();
        }
    }

    @NamedComponent("spanish")
    public static final class Spanish implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new SpanishAnalyzer();
        }
    }

    @NamedComponent("italian")
    public static final class Italian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new ItalianAnalyzer();
        }
    }

    @NamedComponent("portuguese")
    public static final class Portuguese implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new PortugueseAnalyzer();
        }
    }

    @NamedComponent("greek")
    public static final class Greek implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new GreekAnalyzer();
        }
    }

    @NamedComponent("hungarian")
    public static final class Hungarian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new HungarianAnalyzer();
        }
    }

    @NamedComponent("romanian")
    public static final class Romanian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new RomanianAnalyzer();
        }
    }

    @NamedComponent("bulgarian")
    public static final class Bulgarian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new BulgarianAnalyzer();
        }
    }

    @NamedComponent("czech")
    public static final class Czech implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new CzechAnalyzer();
        }
    }

    @NamedComponent("estonian")
    public static final class Estonian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new EstonianAnalyzer();
        }
    }

    @NamedComponent("irish")
    public static final class Irish implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new IrishAnalyzer();
        }
    }

    @NamedComponent("lithuanian")
    public static final class Lithuanian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new LithuanianAnalyzer();
        }
    }

    @NamedComponent("latvian")
    public static final class Latvian implements AnalyzerFactory {
        @Override
        public Analyzer create() {
            return new LatvianAnalyzer();
        }
    }
}
